package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a process knows of a table's current version and keeps between runs: Kernel's snapshot of it (the one its
 * own commit returned, or the one it loaded), the version as callers see it, its data files by group, and whether
 * another writer changed rows since this process's last commit ({@code foreignChange} empty: not known here, ask
 * the log).
 */
record TableState(Snapshot snapshot, TableVersion version, GroupedFiles files,
        Optional<Optional<String>> foreignChange) {

    long number() {
        return version.version();
    }

    /** The latest version's files as absolute paths under {@code root} (files outside it are never ours to delete). */
    Set<String> filesInUse(String root) {
        Set<String> paths = new HashSet<>();
        files.all().forEach(file -> TableLocation.loggedRelative(root, file.path())
                .ifPresent(relative -> paths.add(root + "/" + relative)));
        return paths;
    }
}
