package com.summitlakehouse.delta;

/** A gold table could not be read or written; the message says which table and why. */
public class GoldTableException extends RuntimeException {

    public GoldTableException(String message) {
        super(message);
    }

    public GoldTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
