package com.summitlakehouse.ops.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A console form with a field our pages never send (400), or without its session's CSRF token (403): a page. */
public class BadFormPage {

    private final Template page;

    private final Template refused;

    BadFormPage(@Location("console/bad-request.html") Template page, @Location("console/refused.html") Template refused) {
        this.page = page;
        this.refused = refused;
    }

    @ServerExceptionMapper
    public Response csrfRefused(CsrfRefusedException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE)
                .entity(refused.instance().render()).build();
    }

    @ServerExceptionMapper
    public Response badForm(BadFormException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML_TYPE)
                .entity(page.data("problem", e.getMessage()).render()).build();
    }
}
