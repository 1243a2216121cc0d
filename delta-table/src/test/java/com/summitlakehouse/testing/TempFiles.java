package com.summitlakehouse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temp files and folders for fixtures that outlive one test (servers' logs and work folders, secrets a started process
 * reads, shared warehouses): made in the temp folder like {@link Files#createTempDirectory}, and deleted when the test
 * run ends, just before {@link TempFolderCheck} looks for anything left. A single test uses JUnit's {@code @TempDir}.
 */
public final class TempFiles {

    /**
     * What was made, one path a line, in a system property: one list per JVM whichever class loader loads this class
     * (Quarkus loads test classes, and so this one, in a class loader of its own, while the check runs in JUnit's).
     */
    private static final String MADE = TempFiles.class.getName() + ".made";

    private TempFiles() {
    }

    public static Path directory(String prefix, FileAttribute<?>... attributes) throws IOException {
        return remember(Files.createTempDirectory(prefix, attributes));
    }

    public static Path file(String prefix, String suffix, FileAttribute<?>... attributes) throws IOException {
        return remember(Files.createTempFile(prefix, suffix, attributes));
    }

    private static Path remember(Path path) {
        synchronized (System.getProperties()) {
            System.setProperty(MADE, System.getProperty(MADE, "") + path + "\n");
        }
        return path;
    }

    /** Deletes everything made here; what cannot be deleted stays (and the check then reports it). */
    static void deleteAll() {
        String made;
        synchronized (System.getProperties()) {
            made = System.getProperty(MADE, "");
            System.clearProperty(MADE);
        }
        made.lines().map(Path::of).forEach(TempFiles::delete);
    }

    /** Deletes a file or a folder with everything in it; false when some of it could not be deleted. */
    static boolean delete(Path target) {
        if (!Files.exists(target)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
