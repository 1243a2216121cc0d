package bench.freshness;

import bench.common.Postgres;
import java.sql.Connection;
import java.sql.SQLException;

/** Where the bench watches the database's backends from, and whose each backend is. */
final class Backends {

    private Backends() {
    }

    /** A connection to the maintenance database, so that the bench's own sampling is no backend of the bench's. */
    static Connection adminConnection() throws SQLException {
        return Postgres.connect("postgres", "freshness-bench");
    }

    /** The service a backend serves, by its application name (the mirror's listener is mirror-service-listener). */
    static String client(String applicationName) {
        if (applicationName == null) {
            return "other";
        }
        return applicationName.startsWith("mirror-service") ? "mirror-service"
                : applicationName.equals("ops-api") ? "ops-api" : applicationName;
    }
}
