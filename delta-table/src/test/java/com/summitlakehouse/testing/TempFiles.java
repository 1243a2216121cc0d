package com.summitlakehouse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temp files and folders for fixtures that outlive one test (servers' logs and work folders, secrets a started process
 * reads, shared warehouses): made in the temp folder like {@link Files#createTempDirectory}, and deleted when the test
 * run ends, just before {@link TempFolderCheck} looks for anything left. A single test uses JUnit's {@code @TempDir}.
 */
public final class TempFiles {

    private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

    private TempFiles() {
    }

    public static Path directory(String prefix, FileAttribute<?>... attributes) throws IOException {
        return remember(Files.createTempDirectory(prefix, attributes));
    }

    public static Path file(String prefix, String suffix, FileAttribute<?>... attributes) throws IOException {
        return remember(Files.createTempFile(prefix, suffix, attributes));
    }

    private static Path remember(Path path) {
        MADE.add(path);
        return path;
    }

    /** Deletes everything made here; what cannot be deleted is returned (and then reported by the check). */
    static List<Path> deleteAll() {
        List<Path> failed = new ArrayList<>();
        for (Path made : List.copyOf(MADE)) {
            if (!Files.exists(made)) {
                MADE.remove(made);
                continue;
            }
            try (Stream<Path> paths = Files.walk(made)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                MADE.remove(made);
            } catch (IOException e) {
                failed.add(made);
            }
        }
        return failed;
    }
}
