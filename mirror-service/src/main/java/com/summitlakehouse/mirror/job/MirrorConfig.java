package com.summitlakehouse.mirror.job;

import com.summitlakehouse.delta.catalog.CatalogSettings;
import com.summitlakehouse.delta.objectstore.ObjectStoreSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mirrors to run and how their gold tables are written; see application.properties. */
@ConfigMapping(prefix = "mirror")
public interface MirrorConfig {

    /** Root of the gold tables: a local directory, a file: URI, or s3://bucket/prefix (s3a:// too). */
    @WithDefault("./warehouse")
    String warehouse();

    /** Interval of the in-process schedule (first run on start), or "off"; --once runs ignore it. */
    @WithDefault("30m")
    String every();

    /** Each mirror: a source view, the allowlisted columns it may copy, and its gold table. */
    Map<String, Mirror> mirrors();

    TableUpkeep upkeep();

    /** How fast data files that held removed rows (hidden, unpublished, deleted) leave every version. */
    Purge purge();

    /** How the source database is logged in to. */
    Database database();

    interface Database {
        /** The secret directory whose lakebase_user and lakebase_password files are read per new connection. */
        @WithDefault("/run/secrets/summit")
        String secretsDirectory();
    }

    /** The long-running mode's listening for change notifications; see application.properties. */
    Listen listen();

    /**
     * A Prometheus Pushgateway's base URL: a {@code --once} run pushes its metrics there before it exits, as batch
     * jobs do; absent: nothing is pushed.
     */
    Optional<String> metricsPushUrl();

    /** Where the gold tables are registered; see application.properties. */
    CatalogSettings catalog();

    /** How an s3:// warehouse is reached; see application.properties. */
    ObjectStoreSettings objectStore();

    interface Mirror {
        /** Schema-qualified view, for example mirror.social_posts. */
        String source();

        /** The only columns copied, in this order. */
        List<String> columns();

        /**
         * Columns that identify a row and change whenever it does: its key and an updated_at that a trigger moves on
         * every real change. Only these are hashed for the unchanged check, which costs a fraction of hashing every
         * value. Absent: every allowlisted column is hashed.
         */
        Optional<List<String>> changeColumns();

        /**
         * A date or timestamp column among {@link #columns()} whose UTC hour (a date column: its day) groups the
         * rows: a run rewrites only the groups that changed. Absent: every change rewrites the whole table.
         */
        Optional<String> groupBy();

        /** Table path under the warehouse, for example gold/social_posts. */
        String table();

        /**
         * Text columns whose min/max may go to the transaction log as statistics. Statistics are stored verbatim in
         * the log and its checkpoints, which anyone who may read the bucket reads, and outlive a moderator's
         * decision: by default only the group column, timestamps, dates, numbers and booleans carry them.
         */
        Optional<List<String>> textStatistics();
    }

    interface Listen {
        /** Whether the long-running mode listens (a --once run never does). */
        @WithDefault("true")
        boolean enabled();

        /** How long after a notification its run starts, so that a burst of changes makes one run. */
        @WithDefault("500ms")
        Duration debounce();

        /**
         * A listening connection the server cuts after this long without activity was cut by a database going to
         * sleep: it is not reopened before the next scheduled sweep. Set it to the database's suspend delay.
         */
        @WithDefault("5m")
        Duration quietBeforeSleep();

        /** The longest wait between two attempts to reconnect after a cut that followed activity. */
        @WithDefault("30s")
        Duration maxReconnectDelay();

        /** How long a run waits for the listener to LISTEN again before it takes its snapshot anyway. */
        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * A direct connection's JDBC URL, when the datasource's goes through a transaction-mode pooler (which does
         * not forward LISTEN); absent: the datasource's.
         */
        Optional<String> url();
    }

    interface Purge {
        /**
         * Files a run's commit removed are deleted this long after that commit (0: in the same run, right after the
         * commit), whatever file-retention says: time travel on a gold table reaches back this far only.
         */
        @WithDefault("15m")
        Duration within();

        /** How often the long-running mode looks for purges that fell due between runs. */
        @WithDefault("1m")
        String sweepEvery();
    }

    interface TableUpkeep {
        @WithDefault("128M")
        io.quarkus.runtime.configuration.MemorySize targetFileSize();

        @WithDefault("10")
        int checkpointInterval();

        @WithDefault("2H")
        Duration logRetention();

        @WithDefault("1H")
        Duration fileRetention();

        /**
         * How often the full vacuum lists the whole table for files no version needs (orphans, a killed writer's
         * leftovers); never after every commit. Purges do not wait for it.
         */
        @WithDefault("1H")
        Duration vacuumEvery();
    }
}
