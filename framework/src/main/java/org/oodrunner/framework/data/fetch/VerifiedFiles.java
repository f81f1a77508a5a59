package org.oodrunner.framework.data.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks files against their published SHA-256 and remembers which ones passed (by path,
 * size and modification time, in {@code <data root>/.verified.json}), so listing a data root
 * does not re-hash gigabytes every time. A file whose size or time changed is hashed again.
 */
public final class VerifiedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a check found. */
    public enum Status {
        /** Present, and its SHA-256 is the published one. */
        VERIFIED,
        /** Present, but no checksum is published for it. */
        UNCHECKED,
        /** Present with the wrong size or SHA-256. */
        MISMATCH,
        MISSING
    }

    /** @param actualSha256 null unless the file was hashed */
    public record Check(Status status, long actualSize, String actualSha256) {}

    private final Path store;

    public VerifiedFiles(Path dataRoot) {
        this.store = dataRoot.resolve(".verified.json");
    }

    public synchronized Check check(Path file, RemoteFile expected) throws IOException {
        if (!Files.isRegularFile(file)) return new Check(Status.MISSING, -1, null);
        long size = Files.size(file);
        if (expected.size() >= 0 && size != expected.size()) return new Check(Status.MISMATCH, size, null);
        if (expected.sha256() == null) return new Check(Status.UNCHECKED, size, null);
        ObjectNode all = read();
        String key = file.toAbsolutePath().normalize().toString();
        long modified = Files.getLastModifiedTime(file).toMillis();
        ObjectNode known = all.has(key) && all.get(key).isObject() ? (ObjectNode) all.get(key) : null;
        if (known != null && known.path("size").asLong() == size && known.path("modified").asLong() == modified
                && expected.sha256().equals(known.path("sha256").asText())) {
            return new Check(Status.VERIFIED, size, expected.sha256());
        }
        String actual = Sha256.of(file);
        if (!actual.equals(expected.sha256())) return new Check(Status.MISMATCH, size, actual);
        record(file, actual);
        return new Check(Status.VERIFIED, size, actual);
    }

    /** Remembers that {@code file}, as it is now, has SHA-256 {@code sha256}. */
    public synchronized void record(Path file, String sha256) {
        try {
            ObjectNode all = read();
            ObjectNode entry = all.putObject(file.toAbsolutePath().normalize().toString());
            entry.put("size", Files.size(file));
            entry.put("modified", Files.getLastModifiedTime(file).toMillis());
            entry.put("sha256", sha256);
            Files.createDirectories(store.getParent());
            Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: without it, files are hashed again next time.
            LOG.debug("cannot remember the verification of {}: {}", file, e.toString());
        }
    }

    private ObjectNode read() {
        try {
            if (Files.isRegularFile(store) && JSON.readTree(store.toFile()) instanceof ObjectNode o) return o;
        } catch (IOException e) {
            LOG.debug("ignoring unreadable {}: {}", store, e.toString());
        }
        return JSON.createObjectNode();
    }
}
