package org.oodrunner.framework.tf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.oodrunner.framework.errors.RunFailedException;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A run's checkpoints: every graph variable (model weights, optimiser slots, beta powers) via
 * {@code session.save}, plus the {@link TrainerState}, one directory each:
 * <pre>
 * checkpoints/index.json        {"latest": "ckpt-000004", "previous": "ckpt-000003", "best": "ckpt-000002"}
 * checkpoints/ckpt-000004/      variables.index, variables.data-*, trainer.json
 * </pre>
 * A checkpoint is written to a {@code .partial} directory and renamed when complete; the index
 * is replaced atomically after that, so a crash at any moment leaves the previous checkpoint
 * usable. Only the latest, the one before it and the best are kept: the latest is not known to
 * be good until a step has run from it (its weights may already give a non-finite loss), and
 * then training falls back to the previous one ({@link #discardLatest}).
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final String INDEX = "index.json";
    private static final String STATE = "trainer.json";
    private static final String PREFIX = "ckpt-";
    private static final String PARTIAL = ".partial";

    /**
     * One saved checkpoint.
     *
     * @param logBytes the length of the run's metric log when it was saved (a resumed run cuts
     *     the log back to this, so it holds exactly what an uninterrupted run would)
     */
    public record Checkpoint(Path dir, TrainerState state, long logBytes) {
        /** The prefix given to {@code session.save}/{@code restore}. */
        public Path prefix() {
            return dir.resolve("variables");
        }
    }

    /** What {@code trainer.json} holds. */
    record Saved(TrainerState trainer, long logBytes, String saved) {}

    private final Path root;
    private final LongSupplier logLength;

    /** @param logLength the current length of the run's metric log, recorded with each checkpoint */
    public Checkpoints(Path root, LongSupplier logLength) {
        this.root = root;
        this.logLength = logLength;
    }

    public Path root() {
        return root;
    }

    public Optional<Checkpoint> latest() {
        return read("latest");
    }

    public Optional<Checkpoint> best() {
        return read("best");
    }

    /** Saves the session's variables and {@code state}; it becomes the latest, and the best when {@code best}. */
    public Checkpoint save(Session session, TrainerState state, boolean best) {
        try {
            Files.createDirectories(root);
            String name = PREFIX + String.format("%06d", nextSequence());
            Path partial = root.resolve(name + PARTIAL);
            deleteTree(partial);
            Files.createDirectories(partial);
            session.save(partial.resolve("variables").toString());
            long logBytes = logLength.getAsLong();
            writeAtomically(partial.resolve(STATE), JSON.writeValueAsBytes(new Saved(state, logBytes, Instant.now().toString())));
            Path dir = root.resolve(name);
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            ObjectNode index = readIndex();
            if (index.hasNonNull("latest")) index.put("previous", index.get("latest").asText());
            index.put("latest", name);
            if (best) index.put("best", name);
            writeAtomically(root.resolve(INDEX), JSON.writeValueAsBytes(index));
            prune(index);
            return new Checkpoint(dir, state, logBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint under " + root, e);
        }
    }

    /**
     * Drops the latest checkpoint (its weights turned out not to be good): the previous one
     * becomes the latest, or none is left. Returns the new latest.
     */
    public Optional<Checkpoint> discardLatest() {
        ObjectNode index = readIndex();
        String latest = index.path("latest").asText(null);
        if (index.hasNonNull("previous")) {
            index.put("latest", index.get("previous").asText());
        } else {
            index.remove("latest");
        }
        index.remove("previous");
        if (latest != null && latest.equals(index.path("best").asText(null))) index.remove("best");
        try {
            writeAtomically(root.resolve(INDEX), JSON.writeValueAsBytes(index));
            prune(index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + root.resolve(INDEX), e);
        }
        return latest();
    }

    /** Replaces the trainer state of the latest checkpoint (its variables stay as saved). */
    public Checkpoint updateLatest(TrainerState state) {
        Checkpoint latest = latest().orElseThrow(() -> new IllegalStateException("no checkpoint to update"));
        try {
            writeAtomically(latest.dir().resolve(STATE),
                    JSON.writeValueAsBytes(new Saved(state, latest.logBytes(), Instant.now().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + latest.dir().resolve(STATE), e);
        }
        return new Checkpoint(latest.dir(), state, latest.logBytes());
    }

    /** Loads a checkpoint's variables into the session. */
    public void restore(Session session, Checkpoint checkpoint) {
        try {
            session.restore(checkpoint.prefix().toString());
        } catch (TensorFlowException | IllegalArgumentException e) {
            throw new RunFailedException("cannot restore the checkpoint " + checkpoint.dir() + " (" + firstLine(e)
                    + "); the model's graph differs from the one that saved it (did its code or parameters change?)."
                    + " Delete " + root + " to train from scratch", e);
        }
    }

    private Optional<Checkpoint> read(String which) {
        ObjectNode index = readIndex();
        if (!index.hasNonNull(which)) return Optional.empty();
        Path dir = root.resolve(index.get(which).asText());
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new RunFailedException("checkpoint " + dir + " named in " + root.resolve(INDEX)
                    + " is missing or incomplete; delete " + root + " to train from scratch");
        }
        try {
            Saved saved = JSON.readValue(state.toFile(), Saved.class);
            return Optional.of(new Checkpoint(dir, saved.trainer(), saved.logBytes()));
        } catch (IOException e) {
            throw new RunFailedException("cannot read " + state + " (" + e.getMessage() + "); delete " + root
                    + " to train from scratch", e);
        }
    }

    private ObjectNode readIndex() {
        Path index = root.resolve(INDEX);
        try {
            return Files.isRegularFile(index) ? (ObjectNode) JSON.readTree(index.toFile()) : JSON.createObjectNode();
        } catch (IOException | ClassCastException e) {
            throw new RunFailedException("cannot read " + index + "; delete " + root + " to train from scratch", e);
        }
    }

    private int nextSequence() throws IOException {
        int max = 0;
        for (Path p : list()) {
            String n = p.getFileName().toString();
            if (n.endsWith(PARTIAL)) n = n.substring(0, n.length() - PARTIAL.length());
            try {
                max = Math.max(max, Integer.parseInt(n.substring(PREFIX.length())));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
        return max + 1;
    }

    /** Deletes every checkpoint directory the index no longer names (and leftovers of crashed saves). */
    private void prune(ObjectNode index) throws IOException {
        Set<String> keep = new java.util.HashSet<>();
        index.fields().forEachRemaining(e -> keep.add(e.getValue().asText()));
        for (Path p : list()) {
            if (!keep.contains(p.getFileName().toString())) deleteTree(p);
        }
    }

    private List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).forEach(out::add);
        }
        return out;
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
