package com.summitlakehouse.ops.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A console form with a field our pages never send: a 400 page that says which field, nothing changed. */
public class BadFormPage {

    private final Template page;

    BadFormPage(@Location("console/bad-request.html") Template page) {
        this.page = page;
    }

    @ServerExceptionMapper
    public Response badForm(BadFormException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML_TYPE)
                .entity(page.data("problem", e.getMessage()).render()).build();
    }
}
