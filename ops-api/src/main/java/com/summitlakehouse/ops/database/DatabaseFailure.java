package com.summitlakehouse.ops.database;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place that decides whether a failure means "the database is unavailable right now" and, if so, which
 * kind of unavailable: that decides what the caller may do about it (retry on a fresh connection, wait for the
 * database to come up, or answer 503 at once). Anything it does not recognise is a bug and stays a 500.
 *
 * <p>It reads types (the JDK's and Netty's I/O exceptions, Vert.x's closed connection and timeouts) and PostgreSQL's
 * SQLSTATE classes, never class-name strings: every subclass of a recognised type is recognised too.
 */
public record DatabaseFailure(Kind kind, String reason) {

    private static final String HANDSHAKE_FAILED = "SSL handshake failed";

    public enum Kind {
        /**
         * A connection that was open is gone (reset, closed, terminated by an administrator or a shutdown): a fresh
         * connection may well work, so one retry on a new connection is worth it.
         */
        CONNECTION_LOST,
        /** No connection could be made (refused, no route, the server is starting): waiting a little may help. */
        CANNOT_CONNECT,
        /** The database did not answer in time: a query or an acquire timed out. */
        NOT_ANSWERING,
        /** The service's own login was refused (a rotated password not yet in place?): not the caller's fault. */
        LOGIN_REFUSED,
        /**
         * The TLS handshake failed, which is almost always the server's certificate refused (verify-full: not signed
         * by the configured CA, or not naming the host): a configuration fault that no retry mends, like a refused
         * login. A connection cut during the handshake looks the same; the outage probe sees it back.
         */
        CERTIFICATE_REFUSED,
        /** Our own wait queue for connections is full: the database may be fine, this instance is saturated. */
        OVERLOADED
    }

    /** The unavailability {@code failure} stands for, or null when it is not one (a bug, or bad data). */
    public static DatabaseFailure of(Throwable failure) {
        // Looked for first: a handshake's failure may arrive wrapped in I/O exceptions that would read as a lost
        // connection.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLHandshakeException
                    // The PostgreSQL client's own word for it: it drops the handshake's exception and says only this.
                    || t instanceof VertxException && HANDSHAKE_FAILED.equals(t.getMessage())) {
                return new DatabaseFailure(Kind.CERTIFICATE_REFUSED, "TLS handshake failed: the server's certificate "
                        + "is not signed by the configured CA or does not name the host, or the handshake was cut");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            DatabaseFailure found = ofOne(t);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    public static boolean isUnavailable(Throwable failure) {
        return of(failure) != null;
    }

    public boolean is(Kind expected) {
        return kind == expected;
    }

    private static DatabaseFailure ofOne(Throwable t) {
        if (t instanceof DatabaseUnavailableException unavailable) {
            return unavailable.failure();
        }
        if (t instanceof PgException pg) {
            return ofSqlState(pg.getSqlState() == null ? "" : pg.getSqlState(), pg.getErrorMessage());
        }
        if (t instanceof ClosedConnectionException) {
            return new DatabaseFailure(Kind.CONNECTION_LOST, "connection closed");
        }
        if (t instanceof ConnectionPoolTooBusyException) {
            return new DatabaseFailure(Kind.OVERLOADED, "connection wait queue full");
        }
        // ConnectException also covers Netty's connect timeout and its annotated "Connection refused".
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException) {
            return new DatabaseFailure(Kind.CANNOT_CONNECT, describe(t, "cannot connect"));
        }
        if (t instanceof TimeoutException) {
            // Our own timeouts say what they waited for ("no answer within 5000 ms").
            String message = t.getMessage();
            return new DatabaseFailure(Kind.NOT_ANSWERING,
                    message != null && message.startsWith("no ") ? message : "timed out");
        }
        // Netty's native "Connection reset by peer", a closed channel, a broken pipe, a TLS record cut short.
        if (t instanceof IOException) {
            return new DatabaseFailure(Kind.CONNECTION_LOST, describe(t, "connection failed"));
        }
        return null;
    }

    /**
     * The server saying it cannot serve: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash
     * shutdown, 57P03 cannot connect now (starting, or waking from scale-to-zero), 53300 too many connections, and
     * class 28 / 3D000 for our own login refused.
     */
    private static DatabaseFailure ofSqlState(String state, String message) {
        String reason = "sqlstate " + state;
        if (state.startsWith("08")) {
            return new DatabaseFailure(Kind.CONNECTION_LOST, reason + " (connection exception)");
        }
        return switch (state) {
            case "57P01" -> new DatabaseFailure(Kind.CONNECTION_LOST, reason + " (terminated by an administrator)");
            case "57P02" -> new DatabaseFailure(Kind.CONNECTION_LOST, reason + " (crash shutdown)");
            case "57P03" -> new DatabaseFailure(Kind.CANNOT_CONNECT, reason + " (the database is starting)");
            case "53300" -> new DatabaseFailure(Kind.CANNOT_CONNECT, reason + " (too many connections)");
            case "3D000" -> new DatabaseFailure(Kind.LOGIN_REFUSED,
                    reason + " (no such database" + said(message) + ")");
            default -> state.startsWith("28")
                    ? new DatabaseFailure(Kind.LOGIN_REFUSED,
                            reason + " (the service's login was refused" + said(message) + ")")
                    : null;
        };
    }

    /**
     * What the server said about a refused login, for the operator who must fix the credential: it names the role or
     * database, never a password (the server does not know the one that was sent).
     */
    private static String said(String message) {
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    /** A few words for the log: the well-known phrase in the message (which may also name hosts), else the kind. */
    private static String describe(Throwable t, String fallback) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
        for (String phrase : KNOWN_PHRASES) {
            if (message.contains(phrase)) {
                return phrase.equals("refused") ? "connection refused" : phrase;
            }
        }
        return fallback;
    }

    private static final java.util.List<String> KNOWN_PHRASES = java.util.List.of("reset by peer", "refused",
            "broken pipe", "timed out", "no route to host", "closed");
}
