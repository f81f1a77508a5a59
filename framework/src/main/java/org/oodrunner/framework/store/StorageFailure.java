package org.oodrunner.framework.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * A file of a run could not be written or read because of the machine, not the run: a full
 * device, a permission, a read-only file system. Exit code 1 with one line that names the file,
 * the cause in words and what to do; nothing already written is damaged (every record is
 * written to a temporary name and renamed), so the same command resumes once the cause is fixed.
 */
public final class StorageFailure extends RunFailedException {
    private static final long serialVersionUID = 1L;

    private StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Writing {@code file} failed with {@code cause}. */
    public static StorageFailure writing(Path file, Throwable cause) {
        return new StorageFailure("cannot write " + file + ": " + reason(cause) + "; " + advice(cause), cause);
    }

    /** Reading {@code file} failed with {@code cause}. */
    public static StorageFailure reading(Path file, Throwable cause) {
        return new StorageFailure("cannot read " + file + ": " + reason(cause) + "; " + advice(cause), cause);
    }

    /**
     * The storage failure {@code e} stands for, or null when it is none: an {@link IOException}
     * anywhere in its causes, or a TensorFlow error whose message is an operating system's
     * storage error (TensorFlow reports a full disk in its own exception type).
     */
    public static StorageFailure of(Throwable e) {
        if (e instanceof StorageFailure s) return s;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                Path file = t instanceof FileSystemException fs && fs.getFile() != null ? Path.of(fs.getFile())
                        : pathIn(e);
                String what = file == null ? "cannot access the run's files: " : "cannot write " + file + ": ";
                if (file != null && isRead(e)) what = "cannot read " + file + ": ";
                return new StorageFailure(what + reason(io) + "; " + advice(io), e);
            }
            if (isStorageMessage(t.getMessage()) && !(t instanceof StorageFailure)) {
                Path file = pathIn(e);
                return new StorageFailure((file == null ? "cannot write the run's files" : "cannot write " + file)
                        + ": " + reason(t) + "; " + advice(t), e);
            }
        }
        return null;
    }

    /** The cause in words, naming the operating system's message. */
    static String reason(Throwable cause) {
        String m = message(cause);
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) return "the device is full (No space left on device)";
        if (lower.contains("quota")) return "the disk quota is used up (" + m + ")";
        if (lower.contains("read-only file system")) return "the file system is read-only (Read-only file system)";
        if (root(cause) instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("access denied")) {
            return "permission denied";
        }
        return m;
    }

    private static String advice(Throwable cause) {
        String lower = message(cause).toLowerCase(Locale.ROOT);
        String fix;
        if (lower.contains("no space left") || lower.contains("quota")) fix = "free some space (or use another --out)";
        else if (lower.contains("read-only")) fix = "make the file system writable (or use another --out)";
        else if (root(cause) instanceof AccessDeniedException || lower.contains("permission denied")) {
            fix = "give this user write access there (or use another --out)";
        } else {
            fix = "fix the storage problem";
        }
        return fix + ", then run the same command again: it resumes from what is already written";
    }

    private static boolean isStorageMessage(String m) {
        if (m == null) return false;
        String lower = m.toLowerCase(Locale.ROOT);
        return lower.contains("no space left on device") || lower.contains("read-only file system")
                || lower.contains("disk quota exceeded") || lower.contains("permission denied");
    }

    /** The first message among the causes that is an operating system's storage error, else the deepest one. */
    private static String message(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (isStorageMessage(t.getMessage())) return firstLine(t instanceof FileSystemException fs
                    && fs.getReason() != null ? fs.getReason() : t.getMessage());
        }
        Throwable r = root(cause);
        if (r instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        if (r instanceof AccessDeniedException) return "permission denied";
        return firstLine(r.getMessage() == null ? r.toString() : r.getMessage());
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /** A path in an {@link UncheckedIOException}'s "cannot write PATH" message, the way the run store phrases it. */
    private static Path pathIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getFile() != null) return Path.of(fs.getFile());
            String m = t.getMessage();
            if (m == null) continue;
            for (String verb : new String[] {"cannot write ", "cannot read ", "cannot export the model to ",
                    "cannot truncate ", "cannot update ", "cannot list "}) {
                int at = m.indexOf(verb);
                if (at >= 0) {
                    String rest = m.substring(at + verb.length()).trim();
                    int end = rest.indexOf(' ');
                    String p = end < 0 ? rest : rest.substring(0, end);
                    if (p.startsWith("/") || p.contains("/")) return Path.of(p.replaceAll("[:;,]$", ""));
                }
            }
        }
        return null;
    }

    private static boolean isRead(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("cannot read ")) return true;
        }
        return false;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
