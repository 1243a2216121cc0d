package com.summitlakehouse.mirror.listen;

import com.summitlakehouse.mirror.database.DatabaseActivity;
import com.summitlakehouse.mirror.database.SecretFileCredentials;
import com.summitlakehouse.mirror.job.MirrorConfig;
import com.summitlakehouse.mirror.job.OnceMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One direct connection that LISTENs on {@value ChangeNotice#CHANNEL} and hands every notification to
 * {@link NotifiedRuns}. While nothing changes it sends nothing: it waits on its socket, in no transaction.
 *
 * <p>When the server cuts it, what came before decides: after recent activity (a restart, a failover) it reconnects
 * at once, with backoff, and the mirrors are fingerprinted whole once (what was notified meanwhile is lost); after a
 * quiet spell of {@code mirror.listen.quiet-before-sleep} or more, the cut is a scale-to-zero database going to
 * sleep, and the listener stays away until a run needs the database anyway (the scheduled sweep), so that nothing
 * of ours wakes it.
 *
 * <p>A transaction-mode pooler (PgBouncer, Neon's "-pooler" host) accepts LISTEN and never forwards a notification.
 * So after each LISTEN a notification is sent from a second connection to a channel of this listener's own, and must
 * arrive within {@code mirror.listen.connect-timeout}; when it does not, the listener says so in one line, reports
 * {@code mirror_listening 0} and stops listening for the life of the process (changes then wait for the sweep).
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final int POLL_MILLIS = 1000;

    public enum State { OFF, CONNECTING, LISTENING, ASLEEP, UNHEARD }

    private final MirrorConfig.Listen config;
    private final OnceMode once;
    private final NotifiedRuns runs;
    private final DatabaseActivity activity;
    private final ListenerConnections connections;
    private final DeliveryCheck delivery;
    private final Object monitor = new Object();
    private State state = State.OFF;
    private boolean wakeRequested;
    private volatile boolean stopping;
    private volatile Connection connection;
    private Thread thread;

    ChangeListener(MirrorConfig mirrorConfig, OnceMode once, NotifiedRuns runs, DatabaseActivity activity,
            SecretFileCredentials credentials, MeterRegistry metrics, Config config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String datasourceUrl) {
        this.config = mirrorConfig.listen();
        this.once = once;
        this.runs = runs;
        this.activity = activity;
        this.connections = new ListenerConnections(mirrorConfig.listen().url().orElse(datasourceUrl), credentials,
                config);
        this.delivery = new DeliveryCheck(runs, activity);
        metrics.gauge("mirror.listening", this, listener -> listener.state() == State.LISTENING ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled() || once.active()) {
            return;
        }
        synchronized (monitor) {
            state = State.CONNECTING;
        }
        thread = new Thread(this::loop, "mirror-listener");
        thread.setDaemon(true);
        thread.start();
        // The first scheduled run starts now too; it waits for LISTEN, so nothing after its snapshot is missed.
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            ListenerConnections.closeQuietly(connection);
        }
    }

    public State state() {
        synchronized (monitor) {
            return state;
        }
    }

    /** Whether the listener thread is running (or was never meant to): the liveness check. */
    public boolean alive() {
        return thread == null || thread.isAlive() || stopping;
    }

    /**
     * Before a run that reads the database: the listener is woken (if it slept) and LISTENs before the run takes
     * its snapshot, so that every change after the snapshot is notified. Waits at most the connect timeout; the run
     * goes on either way.
     */
    public void listenBeforeRun() {
        if (thread == null || state() == State.UNHEARD) {
            return;
        }
        activity.touch();
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        synchronized (monitor) {
            wakeRequested = true;
            monitor.notifyAll();
            try {
                while (state != State.LISTENING && !stopping) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    monitor.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        Duration retry = FIRST_RETRY;
        boolean afterCut = false;
        while (!stopping) {
            if (state() == State.ASLEEP && !awaitWake()) {
                return;
            }
            Connection listening;
            try {
                listening = connections.listening();
            } catch (SQLException | RuntimeException e) {
                if (activity.nanosSince() >= config.quietBeforeSleep().toNanos()) {
                    fallAsleep("could not connect (" + e.getMessage() + ") and nothing asked for the database since");
                    continue;
                }
                LOG.warnf("Listening for changes: could not connect (%s); trying again in %d ms", e.getMessage(),
                        retry.toMillis());
                if (!pause(retry)) {
                    return;
                }
                retry = min(retry.multipliedBy(2), config.maxReconnectDelay());
                continue;
            }
            retry = FIRST_RETRY;
            connection = listening;
            try {
                if (!delivery.heard(listening, connections::open, config.connectTimeout(), () -> stopping)) {
                    ListenerConnections.closeQuietly(listening);
                    connection = null;
                    unheard();
                    return;
                }
            } catch (SQLException e) {
                ListenerConnections.closeQuietly(listening);
                connection = null;
                LOG.warnf("Listening for changes: could not check delivery (%s); trying again in %d ms",
                        e.getMessage(), retry.toMillis());
                if (!pause(retry)) {
                    return;
                }
                continue;
            }
            setState(State.LISTENING);
            LOG.infof("Listening for changes on channel %s", ChangeNotice.CHANNEL);
            if (afterCut) {
                // Whatever was notified while nobody listened is lost: look at every group once.
                runs.everything();
            }
            try {
                listen(listening);
                return; // stopping
            } catch (SQLException cut) {
                ListenerConnections.closeQuietly(listening);
                connection = null;
                if (stopping) {
                    return;
                }
                long quietNanos = activity.nanosSince();
                if (quietNanos >= config.quietBeforeSleep().toNanos()) {
                    fallAsleep("the server closed the connection after " + Duration.ofNanos(quietNanos).toSeconds()
                            + " s without activity");
                    afterCut = false;
                } else {
                    LOG.warnf("Listening for changes: connection lost (%s); reconnecting", cut.getMessage());
                    setState(State.CONNECTING);
                    afterCut = true;
                }
            }
        }
    }

    /** Nothing will be heard through this URL: said once, and the listener waits only to be stopped. */
    private void unheard() {
        LOG.error(delivery.nothingHeard(connections.url(), config.connectTimeout()));
        synchronized (monitor) {
            state = State.UNHEARD;
            monitor.notifyAll();
            try {
                while (!stopping) {
                    monitor.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits on the socket for notifications; returns only when stopping, fails when the connection is cut. */
    private void listen(Connection listening) throws SQLException {
        PGConnection pg = listening.unwrap(PGConnection.class);
        while (!stopping) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                activity.touch();
                runs.notice(notification.getParameter(), System.nanoTime());
            }
        }
    }

    private void fallAsleep(String why) {
        LOG.infof("Listening for changes paused: %s; the database is left to sleep until the next sweep", why);
        synchronized (monitor) {
            state = State.ASLEEP;
            wakeRequested = false;
            monitor.notifyAll();
        }
    }

    /** Waits until a run asks for the database; false when stopping. */
    private boolean awaitWake() {
        synchronized (monitor) {
            try {
                while (!wakeRequested && !stopping) {
                    monitor.wait();
                }
            } catch (InterruptedException e) {
                return false;
            }
            wakeRequested = false;
            state = State.CONNECTING;
            return !stopping;
        }
    }

    private void setState(State next) {
        synchronized (monitor) {
            state = next;
            monitor.notifyAll();
        }
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
