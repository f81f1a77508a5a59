package org.oodrunner.framework.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that a crash or a full disk cannot leave half done: the content goes to a temporary
 * name beside the target, is flushed to the device, and is renamed over the target (an atomic
 * replace on one file system); on failure the temporary file is removed and the target is as
 * it was. Failures become a {@link StorageFailure} naming the target.
 */
public final class DurableFiles {
    /** Suffix of a file being written; a crash may leave one behind, never a half-written target. */
    public static final String TEMPORARY = ".tmp";

    private DurableFiles() {}

    /** What writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /** Writes {@code file} through a temporary file, flushed and renamed into place. */
    public static void write(Path file, Content content) {
        Path tmp = file.resolveSibling(file.getFileName() + TEMPORARY);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw StorageFailure.writing(file, e);
        }
    }

    /** Flushes a file already written (by TensorFlow, say) to the device. */
    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Flushes a directory's entries (a rename into it) to the device. Best effort: a file system
     * that cannot open directories for this is left to its own ordering.
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can sync a directory; the rename itself is still atomic
        }
    }

    /** Moves a complete temporary directory to its final name and flushes the parent. */
    public static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(to.toAbsolutePath().getParent());
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Removes what a failed write left; the failure being reported matters more than this one. */
    public static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException ignored) {
            // the original failure is reported; a leftover temporary file is removed by the next write
        }
    }
}
