package com.summitlakehouse.ops.console;

/** A console form arrived with a field the page could not have sent: answered with a 400 page, never a 500. */
public class BadFormException extends RuntimeException {

    private final String field;

    public BadFormException(String field, String problem) {
        super(field + " " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
