package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.input.QueryParams;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.paging.Page;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("moderator")
@Tag(name = "Audit trail")
@SecurityRequirement(name = "bearer")
@APIResponse(ref = "Unauthorized")
@APIResponse(ref = "Forbidden")
@APIResponse(ref = "BadRequest")
@APIResponse(ref = "Unavailable")
public class AuditResource {

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @Operation(summary = "The audit trail of moderation, newest first",
            description = "Every moderation change, by people and by reviewed rules, with the state before and after. "
                    + "Role: moderator.")
    @APIResponse(responseCode = "200", description = "One page of audit entries",
            content = @Content(schema = @Schema(implementation = AuditPage.class)))
    public Uni<Page<AuditEntry>> trail(
            @Parameter(description = "Only changes by this subject (the token's sub; display names can be edited)")
            @QueryParam("moderator") String moderator,
            @Parameter(description = "Only this action, e.g. post.hide") @QueryParam("action") String action,
            @Parameter(description = "Only this UTC day, YYYY-MM-DD") @QueryParam("day") String day,
            @Parameter(description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("before") String before) {
        AuditTrail.Filter filter = new AuditTrail.Filter(blankToNull(moderator),
                blankToNull(action) == null ? null : AuditAction.parse("action", action), day(day));
        int size = QueryParams.intInRange("limit", limit, 50, 1, 100);
        Cursor cursor = Cursor.decode("before", before);
        return trail.page(filter, cursor, size).map(rows -> Page.of(rows, size, AuditEntry::cursor));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate day(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("day", "must be a date such as 2026-07-04");
        }
    }

    /** Schema of an audit page, for the OpenAPI document. */
    @Schema(name = "AuditPage")
    public record AuditPage(List<AuditEntry> items, @Schema(nullable = true) String next) {
    }
}
