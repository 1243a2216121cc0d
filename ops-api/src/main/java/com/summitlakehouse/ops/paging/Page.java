package com.summitlakehouse.ops.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code next} is the cursor for the following page, or null at the end. */
public record Page<T>(List<T> items, String next) {

    /** Builds a page from {@code limit + 1} fetched rows: the extra row only proves that another page exists. */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)).encode());
    }
}
