package org.oodrunner.framework.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * An exclusive lock on a run directory for as long as a process works in it, so that two
 * processes given the same spec and store never write the same checkpoints and logs. The
 * operating system releases it when the process ends, however it ends.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static RunLock acquire(RunFiles files) {
        FileChannel channel = null;
        try {
            Files.createDirectories(files.dir());
            channel = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) throw busy(files);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return new RunLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw busy(files);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock the run directory " + files.dir(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static RunFailedException busy(RunFiles files) {
        return new RunFailedException("the run directory " + files.dir() + " is in use by another runner process (its pid "
                + "is in " + files.lock().getFileName() + "); wait for it to end, or stop it first (a stopped run resumes when run again)");
    }

    private static void close(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
