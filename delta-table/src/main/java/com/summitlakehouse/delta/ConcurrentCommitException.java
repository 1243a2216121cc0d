package com.summitlakehouse.delta;

/** Another writer committed the version this overwrite was going to write; nothing of ours was committed. */
public class ConcurrentCommitException extends GoldTableException {

    public ConcurrentCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
