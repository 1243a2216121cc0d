package com.summitlakehouse.testing;

import java.time.Duration;

/** Waiting for what a listening mirror does on its own threads: a condition polled until it holds, or a failure. */
public final class Eventually {

    /** A condition that may read the database or the gold tables. */
    public interface Check {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Milliseconds until {@code check} held; fails naming {@code what} when it did not within {@code within}. */
    public static long await(String what, Duration within, Check check) throws Exception {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": not within " + within.toSeconds() + " s");
    }
}
