package com.summitlakehouse.ops.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Someone signed in without the moderator role gets a page that says so (403), never an error. */
public class NotAllowedPage {

    private final Template page;

    NotAllowedPage(@Location("console/not-allowed.html") Template page) {
        this.page = page;
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE)
                .entity(page.data("user", Console.displayName(e.actor())).render()).build();
    }
}
