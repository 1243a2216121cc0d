package com.summitlakehouse.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a grouped table's rows are split and what each group held when it was written: a signature of the grouping
 * (whatever decides which rows land in which group, and what they look like; a writer compares it before it trusts
 * the fingerprints) and one fingerprint per group. Recorded in the table's log as Delta domain metadata
 * ({@value #DOMAIN}), so it belongs to the very version whose files it describes.
 */
public record GroupLayout(String signature, Map<String, String> fingerprints) {

    static final String DOMAIN = "summit.groups";
    private static final ObjectMapper JSON = new ObjectMapper();

    public GroupLayout {
        fingerprints = Map.copyOf(fingerprints);
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("signature", signature);
        ObjectNode groups = root.putObject("groups");
        new TreeMap<>(fingerprints).forEach(groups::put);
        return root.toString();
    }

    static Optional<GroupLayout> fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, String> fingerprints = new TreeMap<>();
            root.path("groups").fields().forEachRemaining(e -> fingerprints.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new GroupLayout(root.path("signature").asText(), fingerprints));
        } catch (JsonProcessingException e) {
            // Not ours to interpret: the writer falls back to a full rewrite.
            return Optional.empty();
        }
    }
}
