package com.summitlakehouse.delta.catalog;

/** Unity Catalog could not be reached, or refused a call; {@link #status()} is the HTTP status, 0 when none came. */
public class CatalogException extends RuntimeException {

    private final int status;

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public CatalogException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
