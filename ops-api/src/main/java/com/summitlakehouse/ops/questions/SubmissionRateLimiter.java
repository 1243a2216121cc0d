package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.database.DatabaseUse;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The question-submission limit: {@code per-minute} submissions per client address in a burst, then one more every
 * 60 / per-minute seconds. Kept in PostgreSQL ({@code qa_submission_limits}, see migration V10), so that it holds
 * however many replicas answer, on the database's clock. A submission without an Idempotency-Key takes its
 * allowance in the statement that stores it, with every other such submission of its batch
 * ({@link QuestionSubmissions#SUBMIT_BATCH}); a keyed one in a statement of its own first.
 *
 * <p>On a database outage the limiter fails closed: its statement fails like any other and the submission is
 * answered 503. That is deliberate and costs nothing, since a question cannot be stored without the database anyway;
 * a fail-open limiter in memory would only let a flood through to the moment the database returns.
 */
@ApplicationScoped
public class SubmissionRateLimiter {

    @ConfigMapping(prefix = "ops.questions.rate-limit")
    public interface Config {
        /** Question submissions allowed per client address per minute. */
        @WithDefault("5")
        int perMinute();

        /** Header carrying the client address, set by the trusted proxy in front (for example X-Forwarded-For). */
        Optional<String> clientAddressHeader();

        /**
         * Addresses or CIDR ranges of the proxies whose client-address header is believed; from any other peer the
         * header is ignored and the socket's address counts. Unset: believed from every peer (local runs, tests).
         */
        Optional<List<String>> trustedProxies();

        /** How often rows of allowances that are whole again are deleted (only while the service is in use). */
        @WithDefault("5M")
        Duration forgetRefilledEvery();
    }

    /**
     * Takes one submission of address $1's allowance: the upsert moves full_at only while the allowance is not used
     * up, and returns a row only then. $2 is the interval, $3 the burst tolerance ((per-minute - 1) intervals), both
     * in seconds. A CTE of {@link #TAKE}; {@link QuestionSubmissions#SUBMIT_BATCH} takes several turns at once by the
     * same rule.
     */
    static final String TAKE_ONE = """
            INSERT INTO qa_submission_limits AS l (client_address, full_at)
            VALUES ($1, now() + make_interval(secs => $2))
            ON CONFLICT (client_address) DO UPDATE
               SET full_at = greatest(l.full_at, now()) + make_interval(secs => $2)
             WHERE l.full_at <= now() + make_interval(secs => $3)
            RETURNING full_at""";

    /**
     * Whole seconds until address $1 may submit again, when TAKE_ONE took nothing: read in the same statement, which
     * sees the row as it was before it.
     */
    static final String RETRY_AFTER = """
            greatest(1, ceil(extract(epoch FROM (SELECT full_at - now() FROM qa_submission_limits
                                                 WHERE client_address = $1)) - $3))::int""";

    /** Takes one submission, or answers how many whole seconds until one is free. */
    static final String TAKE = "WITH taken AS (" + TAKE_ONE + ")\nSELECT CASE WHEN EXISTS (SELECT FROM taken) THEN 0 ELSE "
            + RETRY_AFTER + " END AS retry_after";

    /**
     * Addresses whose allowance is whole again say nothing; without their rows the table stays small. Rows a
     * submission holds are left for next time: a batch locks several rows in address order, and a delete that
     * waited for one of them while holding another could close a circle.
     */
    static final String FORGET_REFILLED = """
            DELETE FROM qa_submission_limits
             WHERE client_address IN (SELECT client_address FROM qa_submission_limits
                                       WHERE full_at <= now() FOR UPDATE SKIP LOCKED)""";

    private static final Logger LOG = Logger.getLogger(SubmissionRateLimiter.class);

    private final Database database;
    private final Config config;
    private final TrustedProxies trustedProxies;
    private final Rule rule;

    SubmissionRateLimiter(Database database, Config config) {
        this.database = database;
        this.config = config;
        this.trustedProxies = TrustedProxies.of(config.trustedProxies());
        double intervalSeconds = 60.0 / config.perMinute();
        this.rule = new Rule(intervalSeconds, (config.perMinute() - 1) * intervalSeconds);
    }

    /** The limit in the terms its statements take: the interval and the burst tolerance, in seconds. */
    record Rule(double intervalSeconds, double burstToleranceSeconds) {
    }

    Rule rule() {
        return rule;
    }

    ClientAddress.Source clientAddressSource() {
        return new ClientAddress.Source(config.clientAddressHeader(), trustedProxies);
    }

    /**
     * Takes one submission for {@code client}: 0 when allowed, else the whole seconds to wait before retrying. Sent
     * again if its pooled connection turns out dead, so a lost connection may count one submission twice: the
     * error is on the strict side. (A submission without an Idempotency-Key takes its allowance in the statement
     * that stores it, {@link QuestionSubmissions#SUBMIT_BATCH}: one round trip, not two.)
     */
    Uni<Integer> acquire(String client) {
        return database.execute(TAKE, Tuple.of(client, rule.intervalSeconds(), rule.burstToleranceSeconds()))
                .map(rows -> rows.iterator().next().getInteger("retry_after"));
    }

    /**
     * Housekeeping beside requests (DatabaseUse#onUseAtMostEvery), never on a timer: it must neither keep a quiet
     * database awake nor wake it.
     */
    void start(@Observes StartupEvent event, DatabaseUse use) {
        use.onUseAtMostEvery(config.forgetRefilledEvery(), () -> database
                .executeWhileInUse(FORGET_REFILLED, Tuple.tuple())
                .subscribe().with(
                        deleted -> {
                            if (deleted != null) {
                                LOG.debugf("Forgot %d refilled submission allowances", deleted.rowCount());
                            }
                        },
                        failure -> LOG.debugf("Forgetting refilled submission allowances failed: %s",
                                failure.getMessage())));
    }
}
