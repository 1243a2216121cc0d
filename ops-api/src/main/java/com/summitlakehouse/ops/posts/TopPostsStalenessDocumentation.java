package com.summitlakehouse.ops.posts;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Writes the configured {@code ops.posts.top-max-staleness} into the top-posts description at start-up, so that
 * the contract states what this deployment really serves rather than a default.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class TopPostsStalenessDocumentation implements OASFilter {

    static final String PLACEHOLDER = "{top-max-staleness}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem top = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/api/v1/posts/top");
        if (top == null || top.getGET() == null || top.getGET().getDescription() == null) {
            return;
        }
        Duration staleness = ConfigProvider.getConfig().getValue("ops.posts.top-max-staleness", Duration.class);
        top.getGET().setDescription(top.getGET().getDescription().replace(PLACEHOLDER, describe(staleness)));
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
