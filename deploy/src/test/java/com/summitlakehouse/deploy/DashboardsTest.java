package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards: well-formed, provisioned by the production overlay's ConfigMap with the sidecar's label,
 * and every panel's query accepted by promtool's parser (the panels' expressions become recording rules of a
 * generated file that {@code promtool check rules} reads). That their metrics exist is ExportedMetricsTest's job.
 */
class DashboardsTest {

    static final Path DASHBOARDS = Path.of("kubernetes/overlays/production/dashboards");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every panel query, keyed by dashboard, panel and query. */
    static Map<String, String> panelExpressions() throws IOException {
        Map<String, String> expressions = new TreeMap<>();
        for (Path file : files()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.put("dashboard " + dashboard.path("title").asText() + " / "
                            + panel.path("title").asText() + " [" + target.path("refId").asText() + "]",
                            target.path("expr").asText());
                }
            }
        }
        return expressions;
    }

    @Test
    void everyPanelQueryPassesPromtoolsParser() throws Exception {
        Map<String, String> expressions = panelExpressions();
        assertTrue(expressions.size() > 20, "the dashboards have their panels: " + expressions.size());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-panels\n    rules:\n");
        int n = 0;
        for (Map.Entry<String, String> query : expressions.entrySet()) {
            // Grafana's interval variables are the only ones the panels use; Prometheus needs a duration there.
            String expr = query.getValue().replace("$__rate_interval", "5m");
            rules.append("      # ").append(query.getKey().replaceAll("\\s+", " ")).append('\n')
                    .append("      - record: dashboard_panel_").append(++n).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(expr)).append('\n');
        }
        Path generated = Path.of("target", "dashboard-panels.rules.yaml");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, rules);
        String output = MonitoringRulesTest.promtoolIn(generated.getParent(), "check", "rules",
                generated.getFileName().toString());
        assertTrue(output.contains("SUCCESS: " + n + " rules found"), output);
    }

    @Test
    void dashboardsAreWellFormed() throws Exception {
        Set<String> uids = new HashSet<>();
        for (Path file : files()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertTrue(uids.add(dashboard.path("uid").asText()), file + " has a uid of its own");
            assertFalse(dashboard.path("title").asText().isBlank(), file + " title");
            assertTrue(dashboard.path("templating").toString().contains("\"type\":\"datasource\""),
                    file + " lets the operator pick the Prometheus data source");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file + " panel " + panel.path("title").asText();
                assertTrue(ids.add(panel.path("id").asInt()), where + " id is unique");
                assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"), where + " gridPos");
                if (!panel.path("type").asText().equals("text")) {
                    assertFalse(panel.path("targets").isEmpty(), where + " has queries");
                    assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), where);
                }
            }
        }
    }

    @Test
    void theProductionOverlayProvisionsEveryDashboardForTheGrafanaSidecar() throws Exception {
        JsonNode configMap = KubernetesManifestsTest.rendered().stream()
                .filter(d -> d.path("kind").asText().equals("ConfigMap")
                        && d.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap labelled grafana_dashboard=1"));
        List<String> provisioned = new ArrayList<>();
        configMap.path("data").fieldNames().forEachRemaining(provisioned::add);
        List<String> files = files().stream().map(f -> f.getFileName().toString()).toList();
        assertEquals(files, provisioned.stream().sorted().toList(), "every dashboard file is provisioned");
        for (Path file : files()) {
            assertEquals(JSON.readTree(file.toFile()),
                    JSON.readTree(configMap.path("data").path(file.getFileName().toString()).asText()));
        }
    }
}
