package com.summitlakehouse.mirror.database;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this process last had business with the database: a run that read it, a notification from it. A listening
 * connection the server cuts long after that was cut by a database going to sleep, not by a failure.
 */
@ApplicationScoped
public class DatabaseActivity {

    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());

    public void touch() {
        lastNanos.set(System.nanoTime());
    }

    public long nanosSince() {
        return System.nanoTime() - lastNanos.get();
    }
}
