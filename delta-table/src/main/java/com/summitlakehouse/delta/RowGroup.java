package com.summitlakehouse.delta;

import java.util.Iterator;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The rows of one group of a grouped table: its name (its data files live under {@code group-<name>/}), how many
 * rows it declares, and the rows themselves, opened only when the group is written (values in schema order; an
 * {@link AutoCloseable} iterator is closed at the end).
 */
public record RowGroup(String name, long rows, Supplier<Iterator<Object[]>> opener) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    static final String DIRECTORY_PREFIX = "group-";

    public RowGroup {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid group name '" + name + "': letters, digits, '_', '.', '-'");
        }
    }

    String directory() {
        return DIRECTORY_PREFIX + name;
    }

    /** The group a data file belongs to, from its path relative to the table root; empty outside any group. */
    static java.util.Optional<String> ofFile(String relativePath) {
        int slash = relativePath.indexOf('/');
        if (slash < 0 || !relativePath.startsWith(DIRECTORY_PREFIX)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(relativePath.substring(DIRECTORY_PREFIX.length(), slash));
    }
}
