package com.summitlakehouse.mirror.source;

/** The source of a mirror is not what its configuration expects (missing view, column, type or comment). */
public class MirrorSourceException extends RuntimeException {

    public MirrorSourceException(String message) {
        super(message);
    }
}
