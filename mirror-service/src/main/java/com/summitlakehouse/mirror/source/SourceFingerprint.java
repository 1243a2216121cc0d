package com.summitlakehouse.mirror.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a snapshot of a source view is, in one value: the row count and an order-independent sum of 64-bit hashes
 * of each row's change columns, taken in the caller's transaction (so in the same snapshot as the rows), plus what
 * the catalog says of the view: a changed definition, column type or comment re-mirrors too.
 *
 * <p>A grouped view is fingerprinted per group in the same single pass ({@link #groups}); the whole value then
 * derives from the groups', and {@link #signature} (everything but the rows) tells whether groups written earlier
 * are still comparable.
 */
record SourceFingerprint(long rowCount, String value, String signature, Map<String, SourceGroup> groups,
        int groupsFingerprinted) {

    /**
     * @param scope the hours whose groups alone are fingerprinted, the others taken as the table recorded them;
     *              ignored (every group fingerprinted) when the view's signature is no longer the one they were
     *              recorded under, as after the move from day groups to hour groups
     */
    static SourceFingerprint take(Connection connection, SourceQuery query, List<SourceColumn> columns,
            List<String> changeColumns, Optional<SourceGrouping> grouping, Optional<GroupScope> scope)
            throws SQLException {
        String definition;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_viewdef(to_regclass(?))")) {
            statement.setString(1, query.view());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                definition = String.valueOf(result.getString(1));
            }
        }
        String columnsSignature = columns.stream()
                .map(c -> c.name() + " " + c.postgresType() + " " + c.description())
                .collect(Collectors.joining(","));
        if (grouping.isPresent()) {
            String signature = sha256(String.join("|", query.view(), definition, columnsSignature,
                    String.join(",", changeColumns), grouping.get().signature()));
            Optional<GroupScope> valid = scope.filter(s -> s.signature().equals(signature));
            if (valid.isPresent()) {
                return scoped(connection, query, changeColumns, grouping.get(), signature, valid.get());
            }
            return grouped(connection, query, changeColumns, grouping.get(), signature);
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query.fingerprint(changeColumns))) {
            result.next();
            long rowCount = result.getLong(1);
            String signature = sha256(String.join("|", query.view(), definition, columnsSignature,
                    String.join(",", changeColumns)));
            return new SourceFingerprint(rowCount, sha256(String.join("|", query.view(), definition, columnsSignature,
                    String.join(",", changeColumns), Long.toString(rowCount), result.getBigDecimal(2).toPlainString())),
                    signature, Map.of(), 0);
        }
    }

    private static SourceFingerprint grouped(Connection connection, SourceQuery query, List<String> changeColumns,
            SourceGrouping grouping, String signature) throws SQLException {
        Map<String, SourceGroup> groups = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query.groupFingerprints(changeColumns, grouping))) {
            while (result.next()) {
                String name = grouping.name(result, 1);
                long rows = result.getLong(2);
                groups.put(name, new SourceGroup(name, rows, rows + ":" + result.getBigDecimal(3).toPlainString()));
            }
        }
        return of(signature, groups, groups.size());
    }

    /**
     * The groups of the scope's hours fingerprinted one by one, each through its index range; every other group as
     * recorded. The whole value comes out as {@link #grouped} would compute it when those groups are indeed
     * unchanged, so a later full fingerprint (the sweep) finds the table current.
     */
    private static SourceFingerprint scoped(Connection connection, SourceQuery query, List<String> changeColumns,
            SourceGrouping grouping, String signature, GroupScope scope) throws SQLException {
        Map<String, SourceGroup> groups = new TreeMap<>();
        scope.recorded().forEach((name, recorded) ->
                groups.put(name, new SourceGroup(name, GroupScope.rowsOf(recorded), recorded)));
        Set<String> named = new TreeSet<>();
        scope.groups().forEach(hour -> named.add(grouping.groupOf(hour)));
        for (String name : named) {
            groups.remove(name);
            try (PreparedStatement statement = connection.prepareStatement(
                    query.groupFingerprint(changeColumns, grouping, name))) {
                grouping.bind(statement, name);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    long rows = result.getLong(1);
                    if (rows > 0) {
                        groups.put(name, new SourceGroup(name, rows, rows + ":" + result.getBigDecimal(2)
                                .toPlainString()));
                    }
                }
            }
        }
        return of(signature, groups, named.size());
    }

    private static SourceFingerprint of(String signature, Map<String, SourceGroup> groups, int fingerprinted) {
        long rowCount = groups.values().stream().mapToLong(SourceGroup::rows).sum();
        String perGroup = groups.values().stream().map(g -> g.name() + "=" + g.fingerprint())
                .collect(Collectors.joining(","));
        return new SourceFingerprint(rowCount, sha256(signature + "|" + perGroup), signature, groups, fingerprinted);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
