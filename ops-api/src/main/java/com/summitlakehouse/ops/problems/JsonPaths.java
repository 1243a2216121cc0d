package com.summitlakehouse.ops.problems;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.List;

/** Renders a Jackson location as the field path a client reads, for example {@code [3].hashtags[0]}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<Reference> path) {
        StringBuilder out = new StringBuilder();
        for (Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
