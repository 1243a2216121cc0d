package com.summitlakehouse.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The one form of a table location (and of every file path under it) that the table code writes, lists, compares
 * and deletes with, whatever form a setting took. A local table is {@code file:} followed by the absolute,
 * normalized, decoded path ({@code file:/srv/summit/gold/my table}, Hadoop's and Kernel's form): {@code file:///x},
 * {@code file://localhost/x}, {@code %20} and {@code ..} all become it. An object-store location is
 * {@code scheme://bucket/key} without a trailing slash. Vacuum once compared a listing in one form with a root in
 * another, matched nothing, and deleted live files: comparing through {@link #relativize} cannot do that.
 */
public final class TableLocation {

    private TableLocation() {
    }

    /** The canonical form of a location given as a local path or a URI. */
    public static String canonical(String location) {
        if (location == null || location.isBlank()) {
            throw unusable(location, "it is empty");
        }
        if (!location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return "file:" + absolute(location);
        }
        String scheme = location.substring(0, location.indexOf(':')).toLowerCase();
        if (scheme.equals("file")) {
            return "file:" + absolute(localPath(location));
        }
        String rest = location.substring(scheme.length() + 1).replaceAll("/+$", "");
        if (!rest.startsWith("//") || rest.length() <= 2) {
            throw unusable(location, "it names no bucket or host (scheme://bucket/path)");
        }
        return scheme + ":" + rest;
    }

    /**
     * The path a {@code file:} URI names, decoded: {@code file:/x}, {@code file:///x}, {@code file://localhost/x},
     * and percent-escapes where the text is a valid URI; text that is not one (a raw space, a bare {@code %}) is
     * taken as written, as Hadoop takes it.
     */
    private static String localPath(String fileUri) {
        String path = withoutAuthority(fileUri);
        try {
            return new URI("file:" + path).getPath();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    /** The path part of a {@code file:} URI as written; only the local host may be named. */
    static String withoutAuthority(String fileUri) {
        String rest = fileUri.substring("file:".length());
        if (!rest.startsWith("//")) {
            return rest;
        }
        int slash = rest.indexOf('/', 2);
        String host = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
        if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw unusable(fileUri, "it names host " + host + "; only local files are written here");
        }
        return slash < 0 ? "/" : rest.substring(slash);
    }

    private static String absolute(String path) {
        try {
            return Paths.get(path).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw unusable(path, e.getMessage());
        }
    }

    /**
     * A file as a storage listing names it (decoded, in the form of the canonical root it was listed under),
     * relative to the canonical {@code root}; empty when it is not under the root.
     */
    public static Optional<String> listedRelative(String root, String listed) {
        String file = listed.startsWith("file:") ? "file:" + Paths.get(withoutAuthority(listed)).normalize()
                : listed.replaceAll("/+$", "");
        return under(root, file);
    }

    /**
     * A file as the log names it, relative to the canonical {@code root}, decoded; empty when it is not under the
     * root (another table's file, a path that climbs out), so that a caller that cannot place a file keeps it.
     * The log writes relative paths URI-encoded, and absolute ones as URIs.
     */
    public static Optional<String> loggedRelative(String root, String logged) {
        if (logged.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            try {
                return under(root, canonical(logged));
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        }
        String decoded;
        try {
            decoded = new URI(logged).getPath();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (decoded == null || decoded.isEmpty() || decoded.startsWith("/")) {
            return Optional.empty();
        }
        String normalized = Paths.get(decoded).normalize().toString();
        return normalized.startsWith("..") ? Optional.empty() : Optional.of(normalized);
    }

    private static Optional<String> under(String root, String file) {
        String base = comparable(root);
        String path = comparable(file);
        return path.startsWith(base + "/") ? Optional.of(path.substring(base.length() + 1)) : Optional.empty();
    }

    /** s3a:// and s3:// name the same objects. */
    private static String comparable(String location) {
        return location.startsWith("s3a://") ? "s3://" + location.substring("s3a://".length()) : location;
    }

    private static UncheckedIOException unusable(String location, String why) {
        return new UncheckedIOException(new IOException("Not a usable table location: " + location + " (" + why
                + ")"));
    }
}
