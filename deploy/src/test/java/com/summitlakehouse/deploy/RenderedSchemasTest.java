package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object kustomize renders for production is checked against the Kubernetes schema of its apiVersion and
 * kind, strictly (an unknown field or a wrong type fails, as {@code kubectl apply --validate=strict} would), and
 * the check is shown to fail on a broken object.
 */
class RenderedSchemasTest {

    static final KubernetesSchemas SCHEMAS = KubernetesSchemas.fromClassPath();

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void everyRenderedObjectValidatesAgainstTheSchemaOfItsKind(String overlay) throws Exception {
        List<JsonNode> objects = KubernetesManifestsTest.rendered(overlay);
        List<String> problems = new ArrayList<>();
        TreeSet<String> types = new TreeSet<>();
        for (JsonNode object : objects) {
            types.add(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
            problems.addAll(SCHEMAS.problems(object));
        }
        assertEquals(List.of(), problems, overlay + " renders objects that the API server would refuse");
        // The CRD kinds are validated too (the Prometheus operator's schemas): nothing of the overlay goes unread.
        assertTrue(types.contains("monitoring.coreos.com/v1/PrometheusRule"), types::toString);
        assertTrue(objects.size() > 20, overlay + " rendered " + objects.size() + " objects");
    }

    @Test
    void aSiteMadeFromTheExamplesValidatesWithItsGeneratedSecrets(@TempDir Path copy) throws Exception {
        List<JsonNode> objects = KubernetesManifestsTest.render(ProductionOverlayTest.siteFromTheExamples(copy));
        List<String> problems = new ArrayList<>();
        objects.forEach(object -> problems.addAll(SCHEMAS.problems(object)));
        assertEquals(List.of(), problems, "a site made from the examples renders objects the API server would refuse");
        assertEquals(3, objects.stream().filter(o -> o.path("kind").asText().equals("Secret")).count(),
                "lakebase-ops-api, lakebase-mirror, lakebase-schema-owner");
    }

    static ObjectNode renderedOpsApi() throws Exception {
        return (ObjectNode) KubernetesManifestsTest.find(KubernetesManifestsTest.rendered(), "Deployment", "ops-api");
    }

    static ObjectNode firstContainer(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheObjectAndTheField() throws Exception {
        ObjectNode deployment = renderedOpsApi();
        // A probe misspelt: silently dropped by a lenient apply, so the pod would run without it.
        firstContainer(deployment).set("readinesProbe", firstContainer(deployment).get("readinessProbe"));
        List<String> problems = SCHEMAS.problems(deployment);
        assertEquals(1, problems.size(), problems::toString);
        String namespace = deployment.path("metadata").path("namespace").asText();
        assertTrue(problems.get(0).startsWith("Deployment/" + namespace + "/ops-api: "), problems::toString);
        assertTrue(problems.get(0).contains("readinesProbe"), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "production-cronjob"})
    void everyKindRefusesAFieldItDoesNotDeclare(String overlay) throws Exception {
        for (JsonNode rendered : KubernetesManifestsTest.rendered(overlay)) {
            ObjectNode object = ((ObjectNode) rendered).deepCopy();
            object.put("specification", "x");
            List<String> problems = SCHEMAS.problems(object);
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).contains("specification"), problems::toString);
        }
    }

    @Test
    void aFieldMisplacedDeepInACronJobsPodIsRefused() throws Exception {
        ObjectNode cronJob = (ObjectNode) KubernetesManifestsTest.rendered("production-cronjob").stream()
                .filter(o -> o.path("kind").asText().equals("CronJob")).findFirst().orElseThrow();
        JsonNode pod = cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        ((ObjectNode) pod.path("containers").get(0)).put("fsGroup", 185);
        List<String> problems = SCHEMAS.problems(cronJob);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("CronJob/") && problems.get(0).contains("fsGroup"), problems::toString);
    }

    @Test
    void aWrongTypeIsRefusedNamingTheObjectAndTheField() throws Exception {
        ObjectNode deployment = renderedOpsApi();
        ((ObjectNode) deployment.get("spec")).put("replicas", "two");
        ((ObjectNode) firstContainer(deployment).get("ports").get(0)).put("containerPort", "http");
        List<String> problems = SCHEMAS.problems(deployment);
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.stream().allMatch(p -> p.startsWith("Deployment/")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("/spec/replicas") && p.contains("integer")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("containerPort") && p.contains("integer")),
                problems::toString);
    }

    @Test
    void aKindWithoutASchemaIsRefusedRatherThanPassedUnread() throws Exception {
        ObjectNode unknown = renderedOpsApi();
        unknown.put("apiVersion", "example.com/v1");
        List<String> problems = SCHEMAS.problems(unknown);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("no schema for example.com/v1/Deployment"), problems::toString);
    }
}
