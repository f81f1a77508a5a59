package org.oodrunner.framework.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFailureTest {
    @TempDir
    Path dir;

    @Test
    void aFullDeviceAReadOnlyFileSystemAndAPermissionAreSaidInWords() {
        Path file = dir.resolve("run.json");
        // the exceptions the JDK raises for ENOSPC (a plain IOException from write), EROFS and EACCES
        String full = StorageFailure.writing(file, new IOException("No space left on device")).getMessage();
        assertEquals("cannot write " + file + ": the device is full (No space left on device); free some space (or use "
                + "another --out), then run the same command again: it resumes from what is already written", full);
        String readOnly = StorageFailure.writing(file,
                new FileSystemException(file.toString(), null, "Read-only file system")).getMessage();
        assertTrue(readOnly.contains("the file system is read-only (Read-only file system); make the file system "
                + "writable"), readOnly);
        String denied = StorageFailure.writing(file, new AccessDeniedException(file.toString())).getMessage();
        assertTrue(denied.contains(": permission denied; give this user write access there"), denied);
    }

    @Test
    void anIoFailureWrappedAnywhereIsFoundWithItsFileAndOtherFailuresAreNot() {
        Path file = dir.resolve("results.json");
        RuntimeException wrapped = new IllegalStateException("stage failed",
                new UncheckedIOException("cannot write " + file, new IOException("No space left on device")));
        StorageFailure f = StorageFailure.of(wrapped);
        assertTrue(f.getMessage().startsWith("cannot write " + file + ": the device is full"), f.getMessage());
        assertEquals(1, f.exitCode());
        assertNull(StorageFailure.of(new IllegalStateException("a bug", new ArithmeticException())));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("scores.csv");
        Files.writeString(file, "old\n");
        StorageFailure f = assertThrows(StorageFailure.class, () -> DurableFiles.write(file, out -> {
            out.write("half of the new con".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(f.getMessage().startsWith("cannot write " + file + ": the device is full"), f.getMessage());
        assertEquals("old\n", Files.readString(file));
        assertTrue(Files.notExists(file.resolveSibling("scores.csv" + DurableFiles.TEMPORARY)));
        DurableFiles.write(file, "new\n".getBytes());
        assertEquals("new\n", Files.readString(file));
    }
}
