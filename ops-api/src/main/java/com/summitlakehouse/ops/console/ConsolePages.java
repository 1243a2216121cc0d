package com.summitlakehouse.ops.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The console's entry and its public signed-out page. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    private final Template signedOut;

    ConsolePages(@Location("console/signed-out.html") Template signedOut) {
        this.signedOut = signedOut;
    }

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/console/questions")).build();
    }

    @GET
    @Path("/signed-out")
    @Operation(hidden = true)
    public TemplateInstance signedOut() {
        return signedOut.instance();
    }
}
