package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.database.DatabaseFailure;
import com.summitlakehouse.ops.database.DatabaseUnavailableException;
import com.summitlakehouse.ops.questions.QuestionSubmissions.KeylessSubmission;
import com.summitlakehouse.ops.questions.QuestionSubmissions.LimitedSubmission;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Submissions without an Idempotency-Key reach PostgreSQL in batches, as a database groups commits: while
 * {@code at-database} batches are under way, every submission that arrives waits, and the next statement carries
 * all of them ({@link QuestionSubmissions#SUBMIT_BATCH}). A lone submission goes at once, so nothing waits for
 * company; under load one statement, one commit and one WAL flush serve many submissions. It matters most when many
 * submissions come from one address (visitors behind one proxy or NAT): each statement locks that address's limit
 * row until its commit is flushed, so one statement per submission would queue them all on that flush.
 */
@ApplicationScoped
public class SubmissionBatches {

    @ConfigMapping(prefix = "ops.questions.submission-batches")
    public interface Config {
        /** Batches at the database at once: one can be flushing its commit while the next is being planned. */
        @WithDefault("2")
        int atDatabase();

        /** The most submissions in one statement. */
        @WithDefault("256")
        int maxSize();

        /**
         * The most submissions waiting for a batch; beyond it a submission is refused as the database's overload
         * (503), as the pool's wait queue refuses a statement.
         */
        @WithDefault("10000")
        int maxWaiting();
    }

    /** A submission waiting for its batch, and where its answer goes: back on the request's own context. */
    private record Waiting(KeylessSubmission submission, Context context, UniEmitter<? super LimitedSubmission> emitter) {

        void answer(Consumer<UniEmitter<? super LimitedSubmission>> answer) {
            if (context == null) {
                answer.accept(emitter);
            } else {
                context.runOnContext(ignored -> answer.accept(emitter));
            }
        }
    }

    private final QuestionSubmissions questions;
    private final SubmissionRateLimiter limiter;
    private final Config config;
    private final DistributionSummary batchSizes;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int atDatabase;

    SubmissionBatches(QuestionSubmissions questions, SubmissionRateLimiter limiter, Config config,
            MeterRegistry registry) {
        this.questions = questions;
        this.limiter = limiter;
        this.config = config;
        this.batchSizes = DistributionSummary.builder("ops.questions.submission.batch.size")
                .description("Submissions per statement (its count is the statements sent)").register(registry);
        Gauge.builder("ops.questions.submissions.waiting", this, SubmissionBatches::waitingCount)
                .description("Submissions waiting for a batch").register(registry);
    }

    /** Stores the question if its address's allowance admits it; otherwise says how long to wait. */
    Uni<LimitedSubmission> submit(KeylessSubmission submission) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (waiting.size() >= config.maxWaiting()) {
                    emitter.fail(new DatabaseUnavailableException(new DatabaseFailure(
                            DatabaseFailure.Kind.OVERLOADED, "too many submissions waiting for a batch")));
                    return;
                }
                waiting.add(new Waiting(submission, Vertx.currentContext(), emitter));
            }
            sendWhileThereIsRoom();
        });
    }

    private synchronized int waitingCount() {
        return waiting.size();
    }

    private void sendWhileThereIsRoom() {
        while (true) {
            List<Waiting> batch;
            synchronized (this) {
                if (atDatabase >= config.atDatabase() || waiting.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(Math.min(waiting.size(), config.maxSize()));
                while (batch.size() < config.maxSize() && !waiting.isEmpty()) {
                    batch.add(waiting.poll());
                }
                atDatabase++;
            }
            send(batch);
        }
    }

    private void send(List<Waiting> batch) {
        batchSizes.record(batch.size());
        questions.submitAll(batch.stream().map(Waiting::submission).toList(), limiter.rule())
                .subscribe().with(answers -> {
                    finished();
                    for (int i = 0; i < batch.size(); i++) {
                        LimitedSubmission answer = answers.get(i);
                        batch.get(i).answer(emitter -> emitter.complete(answer));
                    }
                }, failure -> {
                    finished();
                    // One statement: if it failed, nothing of it was stored, and every submission in it says so.
                    batch.forEach(waiting -> waiting.answer(emitter -> emitter.fail(failure)));
                });
    }

    private void finished() {
        synchronized (this) {
            atDatabase--;
        }
        sendWhileThereIsRoom();
    }
}
