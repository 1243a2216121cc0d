package com.summitlakehouse.delta;

/** A gold table could not be read or written; the message says which table and why. */
public class GoldTableException extends RuntimeException {

    public GoldTableException(String message) {
        super(message);
    }

    public GoldTableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Kernel wraps what the store said in layers of its own ("Failed to list the files in delta log"): the
     * innermost I/O failure is the one line that names the object and the reason.
     */
    static GoldTableException fromStorage(String location, RuntimeException e) {
        java.io.IOException cause = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException io) {
                cause = io;
            }
        }
        return new GoldTableException(cause == null ? location + ": " + e.getMessage() : cause.getMessage(), e);
    }
}
