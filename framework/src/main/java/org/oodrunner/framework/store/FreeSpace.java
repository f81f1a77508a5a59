package org.oodrunner.framework.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Usable space on the device of a directory, to warn before a large write that will not fit. */
public final class FreeSpace {
    private FreeSpace() {}

    /** Bytes usable by this process on the device holding {@code dir} (or its nearest existing parent); -1 when unknown. */
    public static long usable(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return -1;
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The warning to log when {@code needed} bytes are about to be written under {@code dir} and will not fit; null otherwise. */
    public static String shortfall(Path dir, long needed, String what) {
        long free = usable(dir);
        if (free < 0 || needed <= 0 || free >= needed) return null;
        return what + " needs about " + size(needed) + " but only " + size(free) + " is free on the device of " + dir
                + ": it will probably fail; free some space (a run resumes from its last checkpoint)";
    }

    /** A size in KiB below one MiB, else in MiB. */
    public static String size(long bytes) {
        return bytes < 1 << 20 ? String.format(java.util.Locale.ROOT, "%d KiB", (bytes + 1023) / 1024)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
