package com.summitlakehouse.ops.database;

/**
 * A request could not be served because the database is unavailable: answered 503 with Retry-After. It carries no
 * stack trace: an outage is an expected condition, logged once per transition by {@link DatabaseAvailability}.
 */
public class DatabaseUnavailableException extends RuntimeException {

    private final DatabaseFailure failure;

    public DatabaseUnavailableException(DatabaseFailure failure) {
        super("database unavailable: " + failure.reason(), null, false, false);
        this.failure = failure;
    }

    public DatabaseFailure failure() {
        return failure;
    }
}
