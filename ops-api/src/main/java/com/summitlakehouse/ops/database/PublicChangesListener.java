package com.summitlakehouse.ops.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgNotification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Listens on channel {@code public_changes} (migration V12: one NOTIFY per statement that changed public rows, from
 * whichever replica or session made it) on a connection of its own, and fires each notification as a
 * {@link PublicChange} event, so that every replica forgets what it holds in memory of withdrawn rows.
 *
 * <p>The connection follows the sleep rule of {@link DatabaseUse}: it sends nothing while idle (a LISTEN needs no
 * statement to stay registered), and it is opened by the first request that needs the database, not at start-up.
 * Cut during use (a restart, a failover, pg_terminate_backend), it is opened again at once and then with backoff;
 * cut after a quiet spell (a scale-to-zero database suspending), it stays closed until a request needs the database.
 *
 * <p>Notifications sent while nobody listens are lost. So while this replica is not listening it says so
 * ({@link #isListening()}: caches of public rows must not be served then), and both on losing and on regaining the
 * connection it fires {@link PublicChange#anything()}.
 *
 * <p>LISTEN needs a session of its own on the server: the datasource URL must reach PostgreSQL directly (or through a
 * session-mode pooler). A transaction-mode pooler (PgBouncer in transaction mode, Neon's "-pooler" endpoint) accepts
 * the LISTEN but never forwards the notifications.
 */
@ApplicationScoped
public class PublicChangesListener {

    static final String CHANNEL = "public_changes";
    private static final String OTHER_VIEW = "other";
    private static final Logger LOG = Logger.getLogger(PublicChangesListener.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    private enum State {
        /** Not connected, and nothing will connect until a request needs the database. */
        DORMANT,
        CONNECTING,
        LISTENING,
        /** An attempt failed during use; the next one is on a timer. */
        WAITING_TO_RETRY,
        STOPPED
    }

    private final Vertx vertx;
    private final LakebasePoolCreator connections;
    private final DatabaseUse use;
    private final Event<PublicChange> changes;
    private final MeterRegistry registry;
    private final Duration attemptTimeout;
    private final AtomicReference<State> state = new AtomicReference<>(State.DORMANT);
    private volatile PgConnection connection;
    /** Built on the first attempt (the requests' pool is built by then), closed at shutdown. */
    private volatile io.vertx.sqlclient.Pool pool;
    private Context context;
    /** Failed attempts in a row; only the one attempt under way at a time touches it. */
    private int failedAttempts;
    /** When listening was lost during use (System.nanoTime()), for the log line once it is back; 0 otherwise. */
    private long lostNanos;

    PublicChangesListener(Vertx vertx, LakebasePoolCreator connections, LakebasePoolCreator.Config config,
            DatabaseUse use, Event<PublicChange> changes, MeterRegistry registry) {
        this.attemptTimeout = config.connectTimeout().plus(config.queryTimeout());
        this.vertx = vertx;
        this.connections = connections;
        this.use = use;
        this.changes = changes;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        // A context of its own (start-up runs on no Vert.x thread, so this is a new one): a connection made on a
        // request's context would be closed with the HTTP server's, and reopened while the service shuts down.
        context = vertx.getOrCreateContext();
        registry.gauge("ops.public.changes.listening", this, listener -> listener.isListening() ? 1 : 0);
        // Registered up front, so that a rate over them exists before the first notification.
        for (String view : new String[] {PublicChange.POSTS, PublicChange.QUESTIONS, OTHER_VIEW}) {
            received(view);
        }
        use.onEveryUse(this::wake);
    }

    /** Closed while the event loops still run: the pool, its connection and its client with it. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        state.set(State.STOPPED);
        io.vertx.sqlclient.Pool built = pool;
        if (built != null) {
            try {
                built.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debugf("Closing the listening connection failed: %s", e.getMessage());
            }
        }
    }

    /** Whether notifications reach this replica right now: only then may public rows be served from memory. */
    public boolean isListening() {
        return state.get() == State.LISTENING;
    }

    /** A request needs the database: listen again if nothing else will make it happen. */
    private void wake() {
        if (state.get() == State.DORMANT && state.compareAndSet(State.DORMANT, State.CONNECTING)) {
            connect();
        }
    }

    private void connect() {
        context.runOnContext(ignored -> attempt());
    }

    /** One attempt, bounded in time: a server that accepts and then says nothing must not leave it pending. */
    private void attempt() {
        if (state.get() == State.STOPPED) {
            return;
        }
        if (pool == null) {
            pool = connections.listenerPool(vertx);
        }
        Future<PgConnection> opening = pool.getConnection().map(PgConnection::cast)
                .compose(opened -> {
                    opened.notificationHandler(this::received);
                    // The server's last words on a connection it ends arrive here; the close handler says the rest.
                    opened.exceptionHandler(ignored -> { });
                    opened.closeHandler(ignored -> lost(opened));
                    return opened.query("LISTEN " + CHANNEL).execute()
                            .map(listening -> opened)
                            .onFailure(failure -> opened.close());
                });
        opening.timeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .onSuccess(this::listening)
                .onFailure(failure -> {
                    opening.onSuccess(PgConnection::close); // if it arrives after all, too late
                    failed(failure);
                });
    }

    private void listening(PgConnection opened) {
        connection = opened;
        if (!state.compareAndSet(State.CONNECTING, State.LISTENING)) {
            connection = null;
            opened.close(); // stopped meanwhile
            return;
        }
        failedAttempts = 0;
        if (lostNanos != 0) {
            LOG.infof("Listening for public changes again after %d ms", (System.nanoTime() - lostNanos) / 1_000_000);
            lostNanos = 0;
        } else {
            LOG.debug("Listening for public changes");
        }
        // What was announced before the LISTEN took effect was missed.
        fire(PublicChange.anything());
    }

    private void lost(PgConnection closed) {
        if (connection != closed) {
            return; // closed before it listened: the attempt fails on its own
        }
        connection = null;
        closed.close(); // gone already; back to its pool, which drops it
        if (!state.compareAndSet(State.LISTENING, State.CONNECTING)) {
            return; // stopped
        }
        fire(PublicChange.anything());
        if (use.inUse()) {
            lostNanos = System.nanoTime();
            LOG.info("Not listening for public changes (connection lost): reconnecting; cached public rows are not "
                    + "served meanwhile");
            connect();
        } else {
            LOG.debug("Listening connection closed after a quiet spell: listening again when a request needs the "
                    + "database");
            sleep(State.CONNECTING);
        }
    }

    private void failed(Throwable failure) {
        if (state.get() == State.STOPPED) {
            return;
        }
        failedAttempts++;
        if (!use.inUse()) {
            LOG.debugf("Listening for public changes failed (%s); the service is quiet: trying again when a request "
                    + "needs the database", failure.getMessage());
            sleep(State.CONNECTING);
            return;
        }
        long delay = backoff(failedAttempts);
        LOG.debugf("Listening for public changes failed (%s): trying again in %d ms", failure.getMessage(), delay);
        if (state.compareAndSet(State.CONNECTING, State.WAITING_TO_RETRY)) {
            vertx.setTimer(delay, timer -> {
                if (!use.inUse()) {
                    sleep(State.WAITING_TO_RETRY);
                } else if (state.compareAndSet(State.WAITING_TO_RETRY, State.CONNECTING)) {
                    connect();
                }
            });
        }
    }

    /**
     * Dormant until a request wakes it; a request that came while this decided to sleep found it not dormant yet,
     * so its use is looked at once more.
     */
    private void sleep(State from) {
        failedAttempts = 0;
        if (state.compareAndSet(from, State.DORMANT) && use.inUse()) {
            wake();
        }
    }

    private void received(PgNotification notification) {
        if (!CHANNEL.equals(notification.getChannel())) {
            return;
        }
        PublicChange change = PublicChange.of(notification.getPayload());
        String view = change.view();
        // Anyone may NOTIFY on the channel: only the known views become label values.
        received(PublicChange.POSTS.equals(view) || PublicChange.QUESTIONS.equals(view) ? view : OTHER_VIEW)
                .increment();
        fire(change);
    }

    private Counter received(String view) {
        return Counter.builder("ops.public.changes.notifications")
                .description("Notifications of changed public rows received, by mirror view")
                .tag("view", view).register(registry);
    }

    private void fire(PublicChange change) {
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Acting on a public change failed: %s", change);
        }
    }

    /**
     * 100 ms doubling to at most 2 s (top posts go uncached meanwhile), give or take a fifth, so that replicas do not
     * knock in step.
     */
    private static long backoff(int failures) {
        long base = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures - 1, 16));
        return Math.round(base * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }
}
