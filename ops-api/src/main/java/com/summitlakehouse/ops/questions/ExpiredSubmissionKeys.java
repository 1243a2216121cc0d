package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.database.DatabaseUse;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes idempotency keys past their 24 hours once an hour ({@code ops.questions.delete-expired-keys-every}), so
 * that the table holds about a day of submissions. Expired keys are never honoured meanwhile (the lookup checks their
 * age); every replica may run this, harmlessly. It runs beside a request (DatabaseUse#onUseAtMostEvery), never on
 * a timer: a quiet database is left asleep, and the keys wait for the next busy hour.
 */
@ApplicationScoped
class ExpiredSubmissionKeys {

    private static final Logger LOG = Logger.getLogger(ExpiredSubmissionKeys.class);

    private final QuestionSubmissions questions;
    private final Duration every;

    ExpiredSubmissionKeys(QuestionSubmissions questions,
            @ConfigProperty(name = "ops.questions.delete-expired-keys-every", defaultValue = "1H") Duration every) {
        this.questions = questions;
        this.every = every;
    }

    void start(@Observes StartupEvent event, DatabaseUse use) {
        use.onUseAtMostEvery(every, () -> questions.deleteExpiredKeys().subscribe().with(
                deleted -> {
                    if (deleted != null) {
                        LOG.debugf("Deleted %d expired idempotency keys", deleted);
                    }
                },
                failure -> LOG.debugf("Deleting expired idempotency keys failed: %s", failure.getMessage())));
    }
}
