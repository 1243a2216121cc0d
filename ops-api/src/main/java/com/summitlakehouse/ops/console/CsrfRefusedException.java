package com.summitlakehouse.ops.console;

/** A console action without a valid CSRF token of the session that posts it: refused with a 403 page. */
public class CsrfRefusedException extends RuntimeException {

    public CsrfRefusedException() {
        super("CSRF token missing, not the cookie's, or of another session", null, false, false);
    }
}
