package org.oodrunner.framework.track.mlflow;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Keeps two syncs of one run apart (a live run and a {@code runner sync} of the same directory):
 * an OS file lock on {@code .mlflow-sync.lock} in the run directory, released on close and by
 * the OS when a process dies.
 */
final class SyncLock implements AutoCloseable {
    static final String FILE = ".mlflow-sync.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private SyncLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, waiting up to {@code patience} for another sync to end; null if it did not. */
    static SyncLock acquire(Path runDir, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) return new SyncLock(ch, l);
                if (System.nanoTime() > deadline) {
                    ch.close();
                    return null;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
