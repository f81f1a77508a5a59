package org.oodrunner.components.datasets.idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds an IDX file by its official base name in a list of folders, gzip-compressed or not. */
public final class IdxLocations {
    private IdxLocations() {}

    public static Optional<Path> find(List<Path> folders, String baseName) {
        for (Path dir : folders) {
            for (String name : List.of(baseName + ".gz", baseName)) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
