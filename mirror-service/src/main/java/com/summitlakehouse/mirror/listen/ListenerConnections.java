package com.summitlakehouse.mirror.listen;

import com.summitlakehouse.mirror.database.SecretFileCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/** The listener's own connections: to the listen URL, as securely as the runs connect, read afresh each time. */
final class ListenerConnections {

    private final String url;
    private final SecretFileCredentials credentials;
    private final Properties connectionProperties;

    ListenerConnections(String url, SecretFileCredentials credentials, Config config) {
        this.url = url;
        this.credentials = credentials;
        this.connectionProperties = settings(config);
    }

    String url() {
        return url;
    }

    /** A plain connection with the listener's settings and the current credentials. */
    Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(connectionProperties);
        properties.setProperty("user", credentials.user());
        properties.setProperty("password", credentials.password());
        // Not through DriverManager: the application class loader holds the driver.
        Connection opened = new org.postgresql.Driver().connect(url, properties);
        if (opened == null) {
            throw new SQLException("mirror.listen.url is not a PostgreSQL JDBC URL");
        }
        return opened;
    }

    /** A connection that LISTENs on the change channel, outside any transaction. */
    Connection listening() throws SQLException {
        Connection opened = open();
        try (Statement statement = opened.createStatement()) {
            opened.setAutoCommit(true);
            statement.execute("LISTEN " + ChangeNotice.CHANNEL);
            return opened;
        } catch (SQLException e) {
            closeQuietly(opened);
            throw e;
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already gone
        }
    }

    /**
     * The pool's own driver settings (TLS, timeouts), so that the listener connects as securely as the runs do,
     * under its own application name, with TCP keep-alive so that a dead peer is noticed.
     */
    private static Properties settings(Config config) {
        String prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.setProperty(name.substring(prefix.length()), value));
            }
        }
        properties.setProperty("ApplicationName", "mirror-service-listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.remove("prepareThreshold");
        return properties;
    }
}
