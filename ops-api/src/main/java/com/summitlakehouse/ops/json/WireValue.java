package com.summitlakehouse.ops.json;

import com.summitlakehouse.ops.problems.ApiProblem;
import java.util.Arrays;

/** An enum whose values travel as lower-case words (platforms, question statuses). */
public interface WireValue {

    String wire();

    /** The value whose wire form is {@code value}; 400 naming {@code field} and the allowed words otherwise. */
    static <E extends WireValue> E parse(String field, String value, E[] values) {
        for (E candidate : values) {
            if (candidate.wire().equals(value)) {
                return candidate;
            }
        }
        throw ApiProblem.invalid(field, "must be one of " + Arrays.toString(values));
    }
}
