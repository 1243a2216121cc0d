package com.summitlakehouse.deploy;

import static com.summitlakehouse.deploy.KubernetesManifestsTest.env;
import static com.summitlakehouse.deploy.KubernetesManifestsTest.find;
import static com.summitlakehouse.deploy.KubernetesManifestsTest.podSpec;
import static com.summitlakehouse.deploy.KubernetesManifestsTest.render;
import static com.summitlakehouse.deploy.KubernetesManifestsTest.rendered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promises of the production overlays, asserted on what kustomize renders: namespaces, file access to secrets,
 * images, releases that apply twice, the migrations before ops-api serves, egress, the Ingress, graceful shutdown,
 * spreading, memory, and nothing failing on day one.
 */
class ProductionOverlayTest {

    static final String NAMESPACE = "summit-lakehouse";
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    static final Pattern RELEASE_IMAGE =
            Pattern.compile("registry\\.example\\.com/summit-lakehouse/[a-z-]+@sha256:[0-9a-f]{64}");

    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
    }

    static List<JsonNode> workloads(List<JsonNode> docs) {
        return docs.stream().filter(d -> podSpec(d) != null).toList();
    }

    static List<JsonNode> allContainers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    static JsonNode podLabels(JsonNode doc) {
        return switch (doc.path("kind").asText()) {
            case "CronJob" -> doc.path("spec").path("jobTemplate").path("spec").path("template").path("metadata")
                    .path("labels");
            default -> doc.path("spec").path("template").path("metadata").path("labels");
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void everyObjectIsInTheSiteNamespace(String overlay) throws Exception {
        for (JsonNode doc : rendered(overlay)) {
            if (!CLUSTER_SCOPED.contains(doc.path("kind").asText())) {
                assertEquals(NAMESPACE, doc.path("metadata").path("namespace").asText(), overlay + ": " + id(doc));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void everyPodThatMountsASecretCanReadItThroughItsGroup(String overlay) throws Exception {
        for (JsonNode doc : workloads(rendered(overlay))) {
            JsonNode pod = podSpec(doc);
            if (!pod.path("volumes").toString().contains("\"secret\"")) {
                continue;
            }
            JsonNode security = pod.path("securityContext");
            assertEquals(185, security.path("runAsUser").asInt(), overlay + ": " + id(doc));
            assertEquals(185, security.path("fsGroup").asInt(),
                    overlay + ": " + id(doc) + " mounts a 0400 secret, readable by its user only through fsGroup");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void everyImageIsTheRegistrysByDigest(String overlay) throws Exception {
        int images = 0;
        for (JsonNode doc : workloads(rendered(overlay))) {
            for (JsonNode container : allContainers(podSpec(doc))) {
                images++;
                String image = container.path("image").asText();
                assertTrue(RELEASE_IMAGE.matcher(image).matches(), overlay + ": " + id(doc) + " runs " + image);
            }
        }
        assertEquals(5, images, overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void nothingRunsBeforeItCanSucceedSoNoAlertFiresOnDayOne(String overlay) throws Exception {
        List<JsonNode> docs = rendered(overlay);
        // A Job runs as soon as it is applied: the ingest before any workbook exists, the grants before any table.
        assertTrue(docs.stream().noneMatch(d -> d.path("kind").asText().equals("Job")),
                overlay + " renders no Job: " + docs.stream().map(ProductionOverlayTest::id).toList());
        for (String name : List.of("schedule-ingest", "catalog-grants")) {
            JsonNode cron = find(docs, "CronJob", name);
            assertTrue(cron.path("spec").path("suspend").asBoolean(), name + " runs only when started by hand");
        }
        // ... and the runs started by hand are still watched: LakeJobFailed counts them by name.
        String rules = Files.readString(Path.of("monitoring/summit-lakehouse.rules.yaml"));
        Matcher jobs = Pattern.compile("kube_job_status_failed\\{[^}]*job_name=~\"([^\"]+)\"").matcher(rules);
        assertTrue(jobs.find(), "LakeJobFailed selects Jobs by name");
        Pattern watched = Pattern.compile(jobs.group(1));
        for (String run : List.of("schedule-ingest-1764633600", "catalog-grants-1764633600", "mirror-service-29140230")) {
            assertTrue(watched.matcher(run).matches(), run + " is watched by " + watched);
        }
    }

    @Test
    void aSecondApplyOfAChangedReleaseChangesNoImmutableObject(@TempDir Path copy) throws Exception {
        Path tree = copyOfTheManifests(copy);
        Path release = tree.resolve("components/release/kustomization.yaml");
        Files.writeString(release, Files.readString(release).replaceAll("sha256:0{63}(\\d)", "sha256:$1" + "f".repeat(63)));
        for (String overlay : List.of("production", "production-cronjob")) {
            Map<String, JsonNode> before = new HashMap<>();
            rendered(overlay).forEach(d -> before.put(id(d), d));
            Set<String> changed = new TreeSet<>();
            for (JsonNode next : render(tree.resolve("overlays/" + overlay))) {
                JsonNode previous = before.get(id(next));
                assertNotNull(previous, overlay + ": the next release names " + id(next) + " as the last did");
                if (!previous.equals(next)) {
                    changed.add(id(next));
                }
            }
            assertFalse(changed.isEmpty(), "the new digests are rendered");
            for (String object : changed) {
                // A Job's pod template cannot be updated: kubectl apply would fail on it.
                assertFalse(object.startsWith("Job/"), overlay + ": the release changes " + object);
            }
        }
    }

    @Test
    void opsApiMigratesAsTheSchemaOwnerBeforeItServes() throws Exception {
        JsonNode pod = podSpec(find(rendered(), "Deployment", "ops-api"));
        JsonNode migrate = pod.path("initContainers").get(0);
        assertEquals("migrate", migrate.path("name").asText());
        JsonNode api = pod.path("containers").get(0);
        assertEquals(api.path("image").asText(), migrate.path("image").asText(), "the same release migrates");
        assertEquals("true", env(migrate, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals("true", env(migrate, "QUARKUS_INIT_AND_EXIT"));
        assertEquals("false", env(api, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
        String ownerDir = env(migrate, "SECRETS_DIR");
        String ownerVolume = null;
        for (JsonNode mount : migrate.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(ownerDir)) {
                ownerVolume = mount.path("name").asText();
            }
        }
        assertNotNull(ownerVolume, "the owner's secret is mounted where SECRETS_DIR points");
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(ownerVolume)) {
                assertEquals("lakebase-schema-owner", volume.path("secret").path("secretName").asText());
            }
        }
        assertFalse(api.path("volumeMounts").toString().contains(ownerVolume),
                "the serving container never sees the owner's credentials");
    }

    /** The TCP/UDP ports a workload's pods may open, by the NetworkPolicies that select them for egress. */
    static Set<String> egress(List<JsonNode> docs, JsonNode labels) {
        Set<String> ports = new TreeSet<>();
        for (JsonNode policy : docs) {
            if (!policy.path("kind").asText().equals("NetworkPolicy")
                    || !policy.path("spec").path("policyTypes").toString().contains("Egress")
                    || !selects(policy.path("spec").path("podSelector"), labels)) {
                continue;
            }
            for (JsonNode rule : policy.path("spec").path("egress")) {
                String to = rule.path("to").toString().contains("monitoring") ? "monitoring:" : "";
                for (JsonNode port : rule.path("ports")) {
                    ports.add(to + port.path("port").asInt());
                }
            }
        }
        return ports;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        var required = selector.path("matchLabels").fields();
        while (required.hasNext()) {
            var label = required.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText())) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText();
            if (!expression.path("operator").asText().equals("In")
                    || !expression.path("values").toString().contains("\"" + value + "\"")) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void eachWorkloadReachesOnlyWhatItUses(String overlay) throws Exception {
        List<JsonNode> docs = rendered(overlay);
        JsonNode denyAll = find(docs, "NetworkPolicy", "default-deny");
        assertEquals("{}", denyAll.path("spec").path("podSelector").toString());
        assertTrue(denyAll.path("spec").path("policyTypes").toString().contains("Egress"));
        assertTrue(denyAll.path("spec").path("egress").isMissingNode(), "default-deny allows nothing");
        Map<String, Set<String>> expected = Map.of(
                // DNS; the database; the identity provider (ops-api) or the object store and catalog (HTTPS).
                "ops-api", Set.of("53", "5432", "443"),
                "mirror-service", overlay.equals("production")
                        ? Set.of("53", "5432", "443")
                        : Set.of("53", "5432", "443", "monitoring:9091"),
                "schedule-ingest", Set.of("53", "443"),
                "catalog-grants", Set.of("53", "443"));
        for (JsonNode workload : workloads(docs)) {
            JsonNode labels = podLabels(workload);
            String name = labels.path("app.kubernetes.io/name").asText();
            assertEquals(new TreeSet<>(expected.get(name)), egress(docs, labels), overlay + ": " + id(workload));
        }
        JsonNode dns = find(docs, "NetworkPolicy", "dns").path("spec").path("egress").get(0);
        assertTrue(dns.path("to").toString().contains("kube-dns"), dns.toString());
    }

    @Test
    void theSiteIsServedOverTlsWithTheApisBodyLimitAndWithoutHealthOrMetrics() throws Exception {
        JsonNode ingress = find(rendered(), "Ingress", "ops-api");
        JsonNode spec = ingress.path("spec");
        String host = spec.path("rules").get(0).path("host").asText();
        assertFalse(host.isEmpty(), "a host");
        assertTrue(spec.path("tls").get(0).path("hosts").toString().contains("\"" + host + "\""), "TLS for " + host);
        assertFalse(spec.path("tls").get(0).path("secretName").asText().isEmpty());
        String properties = Files.readString(Path.of("../ops-api/src/main/resources/application.properties"));
        Matcher limit = Pattern.compile("(?m)^quarkus\\.http\\.limits\\.max-body-size=(\\d+)M$").matcher(properties);
        assertTrue(limit.find(), "ops-api's body limit");
        assertEquals(limit.group(1) + "m", ingress.path("metadata").path("annotations")
                .path("nginx.ingress.kubernetes.io/proxy-body-size").asText(), "the ingress refuses what ops-api would");
        for (JsonNode path : spec.path("rules").get(0).path("http").path("paths")) {
            String route = path.path("path").asText();
            assertFalse(route.equals("/") || route.startsWith("/q/health") || route.startsWith("/q/metrics"), route);
            assertEquals("ops-api", path.path("backend").path("service").path("name").asText());
            assertEquals("http", path.path("backend").path("service").path("port").path("name").asText());
        }
        assertTrue(spec.path("rules").toString().contains("\"/console\""), "the console is routed");
    }

    @Test
    void opsApiFinishesRequestsInFlightAndNeverSharesANodeWithItsTwin() throws Exception {
        JsonNode deployment = find(rendered(), "Deployment", "ops-api");
        JsonNode pod = podSpec(deployment);
        JsonNode api = pod.path("containers").get(0);
        String preStop = api.path("lifecycle").path("preStop").path("exec").path("command").toString();
        Matcher sleep = Pattern.compile("sleep (\\d+)").matcher(preStop);
        assertTrue(sleep.find(), "a preStop pause while endpoints are withdrawn: " + preStop);
        String shutdown = env(api, "QUARKUS_SHUTDOWN_TIMEOUT");
        assertNotNull(shutdown, "Quarkus drains requests in flight");
        int drain = Integer.parseInt(shutdown.replaceAll("[^0-9]", ""));
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt() > Integer.parseInt(sleep.group(1)) + drain,
                "the grace period covers the pause and the drain");
        JsonNode spread = pod.path("topologySpreadConstraints").get(0);
        assertEquals("kubernetes.io/hostname", spread.path("topologyKey").asText());
        assertEquals("DoNotSchedule", spread.path("whenUnsatisfiable").asText());
        assertEquals(1, spread.path("maxSkew").asInt());
        assertTrue(selects(spread.path("labelSelector"), podLabels(deployment)), "it counts ops-api's own pods");
    }

    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi|m|g)").matcher(quantity);
        assertTrue(m.matches(), quantity);
        long n = Long.parseLong(m.group(1));
        return m.group(2).equalsIgnoreCase("Gi") || m.group(2).equals("g") ? n * 1024 : n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void everyJvmLeavesRoomOffTheHeap(String overlay) throws Exception {
        int jvms = 0;
        for (JsonNode doc : workloads(rendered(overlay))) {
            for (JsonNode container : allContainers(podSpec(doc))) {
                if (container.path("image").asText().contains("/catalog-grants")) {
                    continue; // a shell script, no JVM
                }
                jvms++;
                String where = overlay + ": " + id(doc) + " " + container.path("name").asText();
                String options = env(container, "JDK_JAVA_OPTIONS");
                Matcher heap = Pattern.compile("-Xmx(\\d+[mg])").matcher(options == null ? "" : options);
                assertTrue(heap.find(), where + " caps its heap (the image's MaxRAMPercentage=75 would not)");
                long limit = mebibytes(container.path("resources").path("limits").path("memory").asText());
                long max = mebibytes(heap.group(1));
                assertTrue(max <= limit * 0.6 && limit - max >= 192,
                        where + ": heap " + max + " MiB of a " + limit + " MiB limit");
            }
        }
        assertEquals(4, jvms, overlay + ": ops-api, its migrate step, the mirror and the ingest");
    }

    static Path copyOfTheManifests(Path into) throws Exception {
        Path tree = into.resolve("kubernetes");
        try (Stream<Path> files = Files.walk(Path.of("kubernetes"))) {
            for (Path file : files.toList()) {
                Path target = tree.resolve(Path.of("kubernetes").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return tree;
    }

    /** A site overlay made from the *.example files as deploy/README says (a stand-in CA beside them). */
    static Path siteFromTheExamples(Path copy) throws Exception {
        Path tree = copyOfTheManifests(copy);
        Path production = tree.resolve("overlays/production");
        Path site = Files.createDirectories(tree.resolve("overlays/site"));
        try (Stream<Path> examples = Files.list(production)) {
            for (Path example : examples.filter(p -> p.toString().endsWith(".example")).toList()) {
                String name = example.getFileName().toString().replace(".example", "")
                        .replace("site-kustomization.yaml", "kustomization.yaml");
                Files.copy(example, site.resolve(name));
            }
        }
        Files.writeString(site.resolve("lakebase_ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        return site;
    }

    @Test
    void aSiteMadeFromTheExamplesCarriesEverySignInValueTheCaAndTheLoginPasswords(@TempDir Path copy)
            throws Exception {
        List<JsonNode> docs = render(siteFromTheExamples(copy));
        JsonNode deployment = find(docs, "Deployment", "ops-api");
        JsonNode pod = podSpec(deployment);
        JsonNode api = pod.path("containers").get(0);
        String signIn = api.path("envFrom").get(0).path("configMapRef").path("name").asText();
        JsonNode settings = find(docs, "ConfigMap", signIn).path("data");
        for (String key : List.of("OPS_OIDC_SERVER_URL", "OPS_OIDC_ISSUER", "OPS_CONSOLE_CLIENT_ID",
                "OPS_CONSOLE_ROLES_SOURCE", "OPS_CONSOLE_ROLES_CLAIM", "OPS_CONSOLE_SCOPES", "TRUSTED_PROXIES")) {
            assertTrue(settings.has(key), key + " in " + settings);
        }
        Map<String, Set<String>> secrets = new HashMap<>();
        for (JsonNode doc : docs) {
            if (doc.path("kind").asText().equals("Secret")) {
                Set<String> keys = new TreeSet<>();
                doc.path("data").fieldNames().forEachRemaining(keys::add);
                secrets.put(doc.path("metadata").path("name").asText(), keys);
            }
        }
        String apiSecret = secretOf(pod, "secrets");
        assertTrue(secrets.get(apiSecret).containsAll(List.of("lakebase_host", "lakebase_password",
                "ops_console_client_secret", "lakebase_ca.pem")), apiSecret + ": " + secrets.get(apiSecret));
        String ownerSecret = secretOf(pod, "schema-owner");
        assertTrue(secrets.get(ownerSecret).containsAll(List.of("lakebase_user", "ops_api_login_password",
                "mirror_login_password", "lakebase_ca.pem")), ownerSecret + ": " + secrets.get(ownerSecret));
        String mirrorSecret = secretOf(podSpec(find(docs, "Deployment", "mirror-service")), "secrets");
        assertTrue(secrets.get(mirrorSecret).containsAll(List.of("lakebase_password", "uc_token", "lakebase_ca.pem")),
                mirrorSecret + ": " + secrets.get(mirrorSecret));
        // Where TLS looks for the CA is where the secret puts it.
        assertEquals("/run/secrets/summit/lakebase_ca.pem",
                env(api, "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"));
        assertEquals("/run/secrets/owner/lakebase_ca.pem", env(pod.path("initContainers").get(0),
                "LAKEBASE_SSLROOTCERT"));
    }

    static String secretOf(JsonNode pod, String volume) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.path("secret").path("secretName").asText();
            }
        }
        throw new AssertionError("no volume " + volume + " in " + pod);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void theDatabaseServerIsVerifiedByEveryConnectionAgainstTheMountedCa(String overlay) throws Exception {
        List<JsonNode> docs = rendered(overlay);
        JsonNode ops = podSpec(find(docs, "Deployment", "ops-api"));
        JsonNode api = ops.path("containers").get(0);
        assertEquals("verify-full", env(api, "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"));
        assertEquals("false", env(api, "QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL"));
        assertEquals("HTTPS", env(api, "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"));
        assertEquals("verify-full", env(ops.path("initContainers").get(0), "LAKEBASE_SSLMODE"));
        JsonNode mirror = docs.stream().filter(d -> d.path("metadata").path("name").asText().equals("mirror-service")
                && podSpec(d) != null).findFirst().orElseThrow();
        JsonNode container = podSpec(mirror).path("containers").get(0);
        assertEquals("verify-full", env(container, "LAKEBASE_SSLMODE"), overlay + " mirror");
        assertEquals("/run/secrets/summit/lakebase_ca.pem", env(container, "LAKEBASE_SSLROOTCERT"));
    }

    @Test
    void signInIsBehindTheIngressWithItsHeadersBelievedOnlyFromItAndPlaceholdersUntilASiteSetsThem()
            throws Exception {
        List<JsonNode> docs = rendered();
        JsonNode api = podSpec(find(docs, "Deployment", "ops-api")).path("containers").get(0);
        assertEquals("true", env(api, "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
        assertEquals("true", env(api, "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"));
        String trusted = api.path("env").toString();
        assertTrue(trusted.contains("\"QUARKUS_HTTP_PROXY_TRUSTED_PROXIES\",\"valueFrom\""), trusted);
        JsonNode settings = find(docs, "ConfigMap",
                api.path("envFrom").get(0).path("configMapRef").path("name").asText()).path("data");
        assertTrue(settings.path("OPS_OIDC_ISSUER").asText().contains("CHANGE-ME"),
                "the overlay alone signs nobody in: ops-api refuses its placeholders");
        assertTrue(settings.path("TRUSTED_PROXIES").asText().matches("[0-9a-fA-F:./,]+"));
    }
}
