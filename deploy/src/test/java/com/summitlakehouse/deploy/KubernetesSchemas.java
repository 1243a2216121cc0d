package com.summitlakehouse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes object schemas that the fabric8 model jars on the test class path carry
 * ({@code schema/validation-schema.json}: core, apps, batch, networking, policy, and the Prometheus operator's
 * monitoring.coreos.com/v1 kinds), made strict: as published, every object there admits unknown fields, and
 * IntOrString and Quantity are described as Java objects. Here an unknown field is an error, and those two take
 * what the API server takes.
 */
public final class KubernetesSchemas {

    private static final String SCHEMA_RESOURCE = "schema/validation-schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Written as plain values in manifests, described as Java objects in the model. */
    private static final Map<String, JsonNode> SCALARS = Map.of(
            "kubernetes_apimachinery_pkg_util_intstr_IntOrString", scalar("integer", "string"),
            "kubernetes_resource_Quantity", scalar("string", "number"),
            "kubernetes_apimachinery_pkg_apis_Time", scalar("string"),
            "kubernetes_apimachinery_pkg_apis_MicroTime", scalar("string"));
    /** Keywords of the model's Java generator, not of JSON Schema. */
    private static final Set<String> GENERATOR_KEYWORDS = Set.of("javaType", "javaInterfaces", "existingJavaType",
            "javaOmitEmpty", "javaEnumNames", "$module", "resources", "id");

    private final ObjectNode definitions;
    private final Map<String, String> definitionByType;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final Map<String, Schema> compiled = new HashMap<>();

    private KubernetesSchemas(ObjectNode definitions, Map<String, String> definitionByType) {
        this.definitions = definitions;
        this.definitionByType = definitionByType;
    }

    /** Every schema the class path offers, merged (the same definition name means the same type in each jar). */
    public static KubernetesSchemas fromClassPath() {
        ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        try {
            for (URL url : Collections.list(KubernetesSchemas.class.getClassLoader().getResources(SCHEMA_RESOURCE))) {
                try (InputStream in = url.openStream()) {
                    JSON.readTree(in).path("definitions").properties()
                            .forEach(e -> definitions.putIfAbsent(e.getKey(), e.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (definitions.isEmpty()) {
            throw new IllegalStateException("no " + SCHEMA_RESOURCE + " on the test class path (the fabric8 model jars)");
        }
        Map<String, String> byType = new HashMap<>();
        definitions.properties().forEach(e -> {
            JsonNode properties = e.getValue().path("properties");
            String apiVersion = properties.path("apiVersion").path("default").asText("");
            String kind = properties.path("kind").path("default").asText("");
            if (!apiVersion.isEmpty() && !kind.isEmpty()) {
                byType.putIfAbsent(type(apiVersion, kind), e.getKey());
            }
        });
        definitions.properties().forEach(e -> e.setValue(strict(e.getKey(), e.getValue())));
        return new KubernetesSchemas(definitions, byType);
    }

    public boolean knows(String apiVersion, String kind) {
        return definitionByType.containsKey(type(apiVersion, kind));
    }

    /** The types this catalogue has a schema for, as apiVersion/kind. */
    public Set<String> types() {
        return new TreeSet<>(definitionByType.keySet());
    }

    /**
     * The ways {@code object} breaks its type's schema, each line naming the object (kind/namespace/name) and the
     * field; empty when it is valid. An object of a type without a schema is refused too: nothing passes unread.
     */
    public List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String name = kind + "/" + object.path("metadata").path("namespace").asText("-") + "/"
                + object.path("metadata").path("name").asText("?");
        Optional<Schema> schema = schema(apiVersion, kind);
        if (schema.isEmpty()) {
            return List.of(name + ": no schema for " + type(apiVersion, kind));
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema.get().validate(object)) {
            problems.add(name + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return problems;
    }

    private synchronized Optional<Schema> schema(String apiVersion, String kind) {
        String definition = definitionByType.get(type(apiVersion, kind));
        if (definition == null) {
            return Optional.empty();
        }
        return Optional.of(compiled.computeIfAbsent(definition, name -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("$schema", "http://json-schema.org/draft-04/schema#");
            root.set("definitions", definitions);
            root.putArray("allOf").addObject().put("$ref", "#/definitions/" + name);
            return registry.getSchema(root);
        }));
    }

    private static String type(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }

    /** One definition, strict: no field it does not declare, no generator keyword, no draft-3 boolean required. */
    private static JsonNode strict(String name, JsonNode definition) {
        if (SCALARS.containsKey(name)) {
            return SCALARS.get(name);
        }
        return strict(definition);
    }

    private static JsonNode strict(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, strict(array.get(i)));
            }
            return array;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (GENERATOR_KEYWORDS.contains(field.getKey())
                    || (field.getKey().equals("required") && !field.getValue().isArray())) {
                it.remove();
            }
        }
        if (object.has("properties")) {
            // The declared fields are the whole object: a misspelt or misplaced field must fail, as the API
            // server's strict field validation (kubectl apply --validate=strict) makes it fail.
            object.put("additionalProperties", false);
            object.properties().forEach(e -> {
                if (!e.getKey().equals("properties")) {
                    e.setValue(strict(e.getValue()));
                }
            });
            object.get("properties").properties().forEach(e -> e.setValue(strict(e.getValue())));
        } else {
            object.properties().forEach(e -> e.setValue(strict(e.getValue())));
        }
        return object;
    }

    private static JsonNode scalar(String... types) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("type");
        for (String type : types) {
            array.add(type);
        }
        return node;
    }
}
