package bench.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Connections to the machine's PostgreSQL as the scripts prepare it: 127.0.0.1:5432, user postgres, trust. */
public final class Postgres {

    private Postgres() {
    }

    /** The application name is what pg_stat_activity shows, so that the bench's own backends can be told apart. */
    public static Connection connect(String db, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", applicationName);
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:5432/" + db, properties);
    }
}
