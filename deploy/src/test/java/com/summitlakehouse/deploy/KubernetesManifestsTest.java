package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the Kubernetes manifests as rendered for production (kubectl kustomize; skipped, saying so, where kubectl
 * is missing): every container has probes, requests and limits, runs as non-root on a read-only root file
 * system, and no secret value is in the repository.
 */
class KubernetesManifestsTest {

    static final Path DEPLOY = Path.of(".");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> rendered() throws Exception {
        return rendered("production");
    }

    static List<JsonNode> rendered(String overlay) throws Exception {
        // What production runs is the overlay as kustomize renders it; checking the base alone would pass an overlay
        // that breaks it.
        return render(DEPLOY.resolve("kubernetes/overlays/" + overlay));
    }

    static List<JsonNode> render(Path kustomization) throws Exception {
        Assumptions.assumeTrue(kubectlAvailable(),
                "kubectl is not installed: the production overlay cannot be rendered, so it is not checked");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                .redirectErrorStream(true).start();
        String text = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kubectl.waitFor(), text);
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(text)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }

    static boolean kubectlAvailable() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static JsonNode podSpec(JsonNode doc) {
        return switch (doc.path("kind").asText()) {
            case "Deployment", "Job" -> doc.path("spec").path("template").path("spec");
            case "CronJob" -> doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            default -> null;
        };
    }

    @Test
    void everyContainerHasProbesLimitsAndRunsNonRootOnAReadOnlyRootFileSystem() throws Exception {
        int containers = 0;
        for (JsonNode doc : rendered()) {
            JsonNode pod = podSpec(doc);
            if (pod == null) {
                continue;
            }
            String workload = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), workload + " runAsNonRoot");
            assertFalse(pod.path("serviceAccountName").asText().isEmpty(), workload + " has its own service account");
            List<JsonNode> all = new ArrayList<>();
            pod.path("initContainers").forEach(all::add);
            pod.path("containers").forEach(all::add);
            for (JsonNode container : all) {
                containers++;
                if (container.path("name").asText().equals("migrate")) {
                    // An init container runs to its end: Kubernetes allows it no probes.
                    JsonNode security = container.path("securityContext");
                    assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), workload + " migrate read-only");
                    continue;
                }
                String where = workload + " container " + container.path("name").asText();
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertTrue(container.has(probe), where + " has " + probe);
                }
                for (String kind : List.of("requests", "limits")) {
                    JsonNode resources = container.path("resources").path(kind);
                    assertTrue(resources.has("cpu") && resources.has("memory"), where + " has " + kind);
                }
                JsonNode security = container.path("securityContext");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), where + " read-only root");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), where + " no escalation");
            }
        }
        assertEquals(5, containers, "ops-api, its migrate step, mirror-service, schedule-ingest and the catalog grants");
    }

    @Test
    void theRequiredWorkloadsAreThere() throws Exception {
        List<String> kinds = rendered().stream()
                .map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()).toList();
        for (String expected : List.of("Deployment/ops-api", "Service/ops-api", "PodDisruptionBudget/ops-api",
                "Deployment/mirror-service", "Service/mirror-service", "ServiceMonitor/mirror-service",
                "NetworkPolicy/mirror-service-monitoring-only", "CronJob/schedule-ingest",
                "NetworkPolicy/ops-api-ingress-only",
                "ServiceAccount/ops-api", "ServiceAccount/mirror-service", "ServiceAccount/schedule-ingest",
                "CronJob/catalog-grants", "ServiceAccount/catalog-grants", "ConfigMap/catalog-locations",
                "PrometheusRule/summit-lakehouse", "ServiceMonitor/ops-api",
                "ConfigMap/summit-lakehouse-dashboards")) {
            assertTrue(kinds.contains(expected), expected + " in " + kinds);
        }
        assertFalse(kinds.contains("CronJob/mirror-service"), "one mirror, listening: " + kinds);
        assertEquals(2, find(rendered(), "Deployment", "ops-api").path("spec").path("replicas").asInt());
    }

    @Test
    void inProductionTheMirrorListensIsScrapedAndNeverAsksTheDatabaseInItsProbes() throws Exception {
        JsonNode mirror = find(rendered(), "Deployment", "mirror-service");
        assertEquals(1, mirror.path("spec").path("replicas").asInt());
        JsonNode container = podSpec(mirror).path("containers").get(0);
        assertFalse(container.path("args").toString().contains("--once"), "long-running: " + container);
        assertFalse(container.path("env").toString().contains("MIRROR_METRICS_PUSH_URL"), "scraped, not pushed");
        assertFalse(container.path("env").toString().contains("MIRROR_LISTEN_ENABLED"), "listening is the default");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("http", container.path(probe).path("httpGet").path("port").asText(), probe);
        }
        assertTrue(podSpec(mirror).path("volumes").toString().contains("lakebase-mirror"),
                "database credentials from the mirror's own secret, read per new connection");
    }

    @Test
    void theCronJobAlternativeRunsOnceEveryHalfHourAndPushesItsMetrics() throws Exception {
        List<JsonNode> docs = rendered("production-cronjob");
        List<String> kinds = docs.stream()
                .map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()).toList();
        assertFalse(kinds.contains("Deployment/mirror-service") || kinds.contains("ServiceMonitor/mirror-service"),
                "the CronJob replaces the listening mirror: " + kinds);
        JsonNode cron = find(docs, "CronJob", "mirror-service");
        assertEquals("Forbid", cron.path("spec").path("concurrencyPolicy").asText());
        JsonNode container = podSpec(cron).path("containers").get(0);
        assertEquals("--once", container.path("args").get(0).asText());
        assertTrue(container.path("env").toString().contains("MIRROR_METRICS_PUSH_URL"),
                "each run pushes its metrics to the Pushgateway");
        assertEquals("0s", env(container, "MIRROR_PURGE_WITHIN"), "withdrawn content is purged in its run");
        assertTrue(container.path("envFrom").toString().contains("object-store"), container.toString());
    }

    @Test
    void inProductionTheIngestReadsThroughTheCatalogVolumeWithItsOwnCatalogSecret() throws Exception {
        JsonNode ingest = find(rendered(), "CronJob", "schedule-ingest");
        JsonNode container = podSpec(ingest).path("containers").get(0);
        assertTrue(container.path("args").get(1).asText().startsWith("/Volumes/summit/raw/schedule/"),
                container.path("args").toString());
        assertTrue(container.path("env").toString().contains("SECRETS_DIR"), container.toString());
        assertTrue(podSpec(ingest).path("volumes").toString().contains("catalog-schedule-ingest"),
                "the ingest's catalog token is its own secret");
        JsonNode grants = find(rendered(), "CronJob", "catalog-grants");
        assertTrue(podSpec(grants).path("volumes").toString().contains("catalog-admin"));
    }

    @Test
    void inProductionTheGoldTablesAndTheInboxAreOnObjectStorage() throws Exception {
        List<JsonNode> docs = rendered();
        assertTrue(docs.stream().noneMatch(d -> d.path("kind").asText().equals("PersistentVolumeClaim")),
                "no shared volume is claimed");
        JsonNode store = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                && d.path("metadata").path("name").asText().equals("object-store")).findFirst().orElseThrow();
        assertTrue(store.path("data").path("MIRROR_WAREHOUSE").asText().startsWith("s3://"), store.toString());
        assertTrue(store.path("data").path("INGEST_TABLE").asText().startsWith("s3://"), store.toString());
        for (JsonNode doc : docs) {
            JsonNode pod = podSpec(doc);
            String name = doc.path("metadata").path("name").asText();
            if (pod == null || !(name.equals("mirror-service") || name.equals("schedule-ingest"))) {
                continue;
            }
            assertFalse(pod.toString().contains("persistentVolumeClaim"), name + " mounts no claim: " + pod);
            JsonNode container = pod.path("containers").get(0);
            assertTrue(container.path("envFrom").toString().contains("object-store"), name + ": " + container);
            assertFalse(container.path("env").toString().contains("MIRROR_WAREHOUSE"),
                    name + ": the warehouse comes from the ConfigMap alone");
        }
        JsonNode locations = docs.stream().filter(d -> d.path("metadata").path("name").asText()
                .equals("catalog-locations")).findFirst().orElseThrow();
        assertTrue(locations.path("data").path("schedule_inbox").asText().startsWith("s3://"),
                "the workbook's governed volume is stored in the bucket");
    }

    static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + "/" + name + " is not rendered"));
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void inProductionTheClientAddressComesFromTheIngressHeaderBelievedOnlyFromItsNetwork() throws Exception {
        JsonNode api = podSpec(find(rendered(), "Deployment", "ops-api")).path("containers").get(0);
        assertEquals("X-Forwarded-For", env(api, "OPS_QUESTIONS_RATE_LIMIT_CLIENT_ADDRESS_HEADER"),
                "without it every visitor shares the ingress pod's allowance");
        // The range comes from the site's sign-in settings (ProductionOverlayTest checks its value).
        assertTrue(api.path("env").toString().contains(
                "{\"name\":\"OPS_QUESTIONS_RATE_LIMIT_TRUSTED_PROXIES\",\"valueFrom\":{\"configMapKeyRef\""),
                api.path("env").toString());
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortWhichOnlyMonitoringReaches() throws Exception {
        List<JsonNode> docs = rendered();
        JsonNode deployment = find(docs, "Deployment", "ops-api");
        JsonNode api = podSpec(deployment).path("containers").get(0);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("management", api.path(probe).path("httpGet").path("port").asText(), probe);
        }
        assertEquals("9000", deployment.path("spec").path("template").path("metadata").path("annotations")
                .path("prometheus.io/port").asText());
        JsonNode policy = find(docs, "NetworkPolicy", "ops-api-ingress-only");
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            String from = rule.path("from").toString();
            for (JsonNode port : rule.path("ports")) {
                int number = port.path("port").asInt();
                if (number == 8080) {
                    assertTrue(from.contains("ingress-nginx") && !from.contains("monitoring"), "API port: " + from);
                } else {
                    assertEquals(9000, number, "only the API and the management port are open");
                    assertTrue(from.contains("monitoring") && !from.contains("ingress-nginx"),
                            "management port: " + from);
                }
            }
        }
    }

    @Test
    void noSecretValueIsInTheRepository() throws Exception {
        for (JsonNode doc : rendered()) {
            assertFalse(doc.path("kind").asText().equals("Secret"), "secrets are created outside the repository");
        }
        Pattern secretLike = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----|\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"
                + "|(?i)(lakebase_password|quarkus\\.datasource\\.password|s3_secret_access_key"
                + "|aws_secret_access_key)[ \\t]*[=:][ \\t]*(?![$}{])[^\\s$}]{3,}");
        Process git = new ProcessBuilder("git", "ls-files").directory(Path.of("..").toFile()).start();
        List<String> files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(files.size() > 20, "git ls-files lists the repository");
        for (String file : files) {
            Path path = Path.of("..", file);
            if (!Files.isRegularFile(path) || file.endsWith(".xlsx") || Files.size(path) > 1_000_000) {
                continue;
            }
            String text = Files.readString(path, StandardCharsets.ISO_8859_1);
            var match = secretLike.matcher(text);
            if (match.find()) {
                fail(file + " holds what looks like a secret: " + match.group());
            }
        }
    }
}
