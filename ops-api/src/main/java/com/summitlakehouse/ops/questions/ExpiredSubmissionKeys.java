package com.summitlakehouse.ops.questions;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes idempotency keys past their 24 hours once an hour, so that the table holds about a day of submissions.
 * Expired keys are never honoured meanwhile (the lookup checks their age); every replica may run this, harmlessly.
 */
@ApplicationScoped
class ExpiredSubmissionKeys {

    private static final Logger LOG = Logger.getLogger(ExpiredSubmissionKeys.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final QuestionRepository questions;
    private final Vertx vertx;

    ExpiredSubmissionKeys(QuestionRepository questions, Vertx vertx) {
        this.questions = questions;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(EVERY.toMillis(), timer -> questions.deleteExpiredKeys().subscribe().with(
                deleted -> LOG.debugf("Deleted %d expired idempotency keys", deleted),
                failure -> LOG.debugf("Deleting expired idempotency keys failed: %s", failure.getMessage())));
    }
}
