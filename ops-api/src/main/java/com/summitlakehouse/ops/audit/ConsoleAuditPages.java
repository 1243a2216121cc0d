package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.console.Console;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.paging.Page;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The console's audit trail (filterable by moderator subject, action and day) and its picture of the work. */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleAuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditTrail trail;
    private final WorkPicture work;
    private final SecurityIdentity identity;
    private final Template auditPage;
    private final Template activityPage;

    ConsoleAuditPages(AuditTrail trail, WorkPicture work, SecurityIdentity identity,
            @Location("console/audit.html") Template auditPage,
            @Location("console/activity.html") Template activityPage) {
        this.trail = trail;
        this.work = work;
        this.identity = identity;
        this.auditPage = auditPage;
        this.activityPage = activityPage;
    }

    @GET
    @Path("/audit")
    @Operation(hidden = true)
    public Uni<TemplateInstance> audit(@QueryParam("moderator") String moderator, @QueryParam("action") String action,
            @QueryParam("day") String day, @QueryParam("before") String before) {
        String user = Console.displayName(Console.moderator(identity));
        String error = null;
        LocalDate date = null;
        if (day != null && !day.isBlank()) {
            try {
                date = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                error = "day must be a date such as 2026-07-04";
            }
        }
        AuditAction wanted = null;
        if (action != null && !action.isBlank()) {
            wanted = AuditAction.parse("action", action.strip());
        }
        AuditTrail.Filter filter = new AuditTrail.Filter(moderator == null || moderator.isBlank() ? null
                : moderator.strip(), wanted, date);
        String message = error;
        return trail.actors().flatMap(actors -> trail.page(filter, Cursor.decode("before", before), PAGE_SIZE)
                .map(rows -> Page.of(rows, PAGE_SIZE, AuditEntry::cursor))
                .map(found -> auditPage.data("user", user).data("actors", actors)
                        .data("actions", Arrays.stream(AuditAction.values()).map(AuditAction::wire).toList())
                        .data("moderator", moderator == null ? "" : moderator)
                        .data("action", action == null ? "" : action).data("day", day == null ? "" : day)
                        .data("items", found.items()).data("next", found.next()).data("error", message)));
    }

    @GET
    @Path("/activity")
    @Operation(hidden = true)
    public Uni<TemplateInstance> activity() {
        String user = Console.displayName(Console.moderator(identity));
        return work.lastTwoDays().map(hours -> activityPage.data("user", user).data("hours", hours)
                .data("maxPending", Math.max(1, hours.stream().mapToLong(WorkPicture.Hour::pending).max().orElse(1)))
                .data("maxHides", Math.max(1, hours.stream().mapToLong(WorkPicture.Hour::hides).max().orElse(1))));
    }
}
