package com.summitlakehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test run when it leaves anything in the temp folder. Every module's tests run with {@code java.io.tmpdir}
 * and {@code TMPDIR} set to a folder of their own (the parent pom), so what is found there at the end was made by these
 * tests, or by the servers and tools they started, and not cleaned up. Registered for every test class through
 * JUnit's extension auto-detection; the check runs once, when the whole run closes.
 */
public final class TempFolderCheck implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TempFolderCheck.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Leftovers.class, key -> Leftovers.start(), Leftovers.class);
    }

    /** The temp folder's entries at the start of the run; closed (and checked) when the run ends. */
    static final class Leftovers implements AutoCloseable {

        private final Path folder;
        private final Set<String> before;

        private Leftovers(Path folder, Set<String> before) {
            this.folder = folder;
            this.before = before;
        }

        static Leftovers start() {
            Path folder = Path.of(System.getProperty("java.io.tmpdir"));
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Leftovers(folder, entries(folder));
        }

        @Override
        public void close() {
            TempFiles.deleteAll();
            // Quarkus's own: each test application makes Vert.x's file cache and the uploads folder in the temp
            // folder at start, whatever the tests do.
            TempFiles.delete(folder.resolve("vertx-cache"));
            TempFiles.delete(folder.resolve("uploads"));
            Set<String> left = entries(folder);
            left.removeAll(before);
            // Not ours to clean: the JVM's performance data, and native libraries (snappy, zstd) that libraries
            // unpack for the JVM's lifetime and delete when it exits.
            left.removeIf(name -> name.startsWith("hsperfdata_") || name.endsWith(".so"));
            if (!left.isEmpty()) {
                throw new AssertionError("the tests left " + left.size() + " entr" + (left.size() == 1 ? "y" : "ies")
                        + " in the temp folder " + folder + ": " + List.copyOf(left)
                        + " (each test must delete what it creates: JUnit's @TempDir, TempFiles for fixtures, or its own cleanup)");
            }
        }

        private static Set<String> entries(Path folder) {
            try (Stream<Path> list = Files.list(folder)) {
                return list.map(path -> path.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
