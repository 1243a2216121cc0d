package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules are code: promtool checks them and runs their unit tests (each alert fires on the input series
 * it is meant for and stays silent otherwise); every alert says what to look at and has a runbook entry; and the
 * production overlay's PrometheusRule carries exactly the plain rules file's groups. Without promtool (Debian's
 * {@code prometheus} package, which .ci/run installs) the promtool checks are skipped, saying so.
 */
class MonitoringRulesTest {

    static final Path RULES = Path.of("monitoring/summit-lakehouse.rules.yaml");
    static final Path RULE_TESTS = Path.of("monitoring/summit-lakehouse.test.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode rules() throws IOException {
        return YAML.readTree(RULES.toFile());
    }

    static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    static boolean promtoolAvailable() {
        try {
            return new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs promtool in deploy/monitoring and returns its output; fails the test on a non-zero exit. */
    static String promtool(String... args) throws Exception {
        return promtoolIn(RULES.getParent(), args);
    }

    /** The same in {@code directory}; skipped, saying so, where promtool is not installed. */
    static String promtoolIn(Path directory, String... args) throws Exception {
        Assumptions.assumeTrue(promtoolAvailable(),
                "promtool is not installed (Debian: apt-get install prometheus): the rules are not checked");
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        String output = promtool("check", "rules", RULES.getFileName().toString());
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        String output = promtool("test", "rules", RULE_TESTS.getFileName().toString());
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void everyAlertIsTestedFiringAndSilent() throws Exception {
        Set<String> fired = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? silent : fired).add(check.path("alertname").asText());
            }
        }
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertTrue(fired.contains(name), name + " has a test in which it fires");
            assertTrue(silent.contains(name), name + " has a test in which it stays silent");
        }
    }

    @Test
    void everyAlertSaysWhatToLookAtAndHasARunbookEntry() throws Exception {
        Set<String> anchors = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("RUNBOOK.md"))) {
            if (line.startsWith("## ")) {
                anchors.add(line.substring(3).strip().toLowerCase(Locale.ROOT));
            }
        }
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            JsonNode annotations = alert.path("annotations");
            assertFalse(annotations.path("summary").asText().isBlank(), name + " summary");
            assertTrue(annotations.path("description").asText().contains("Look first at"),
                    name + " description says what to look at first");
            String runbook = annotations.path("runbook_url").asText();
            Matcher anchor = Pattern.compile("RUNBOOK\\.md#([a-z0-9-]+)$").matcher(runbook);
            assertTrue(anchor.find(), name + " runbook_url: " + runbook);
            assertTrue(anchors.contains(anchor.group(1)), name + ": RUNBOOK.md has no entry #" + anchor.group(1));
            assertTrue(Set.of("page", "ticket").contains(alert.path("labels").path("severity").asText()),
                    name + " severity");
        }
    }

    @Test
    void theProductionPrometheusRuleCarriesTheRulesFile() throws Exception {
        JsonNode rule = KubernetesManifestsTest.rendered().stream()
                .filter(d -> d.path("kind").asText().equals("PrometheusRule")).findFirst()
                .orElseThrow(() -> new AssertionError("the production overlay has no PrometheusRule"));
        assertEquals(rules().path("groups"), rule.path("spec").path("groups"),
                "alerts.yaml is stale: run deploy/monitoring/prometheus-rule.sh");
    }
}
