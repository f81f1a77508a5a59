package org.oodrunner.framework.tf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.store.DurableFiles;
import org.oodrunner.framework.store.FaultPoint;
import org.oodrunner.framework.store.FileSums;
import org.oodrunner.framework.store.FreeSpace;
import org.oodrunner.framework.store.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A run's checkpoints: every graph variable (model weights, optimiser slots, beta powers) via
 * {@code session.save}, plus the {@link TrainerState}, one directory each:
 * <pre>
 * checkpoints/index.json        {"latest": "ckpt-000004", "best": "ckpt-000002"}
 * checkpoints/ckpt-000004/      variables.index, variables.data-*, trainer.json
 * </pre>
 * {@code trainer.json} also records the size and CRC32C of every other file of its checkpoint.
 * A checkpoint is written to a {@code .partial} directory, its files flushed to the device, and
 * renamed when complete; the index is replaced atomically after that, so a crash at any moment
 * leaves the earlier checkpoints as they were. The newest {@code keep} checkpoints (at least
 * two: the latest is not known to be good until a step has run from it, see
 * {@link #discardLatest}) and the best are kept.
 *
 * <p>A run resumes from the newest checkpoint whose files all match their checksums
 * ({@link #resumable}); each newer one is skipped with the reason in the log and moved aside as
 * {@code damaged-ckpt-NNNNNN}. A run is refused only when no checkpoint is intact, or when an
 * intact one does not fit the model's graph.
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);
    public static final int DEFAULT_KEEP = 2;
    private static final String INDEX = "index.json";
    private static final String STATE = "trainer.json";
    private static final String PREFIX = "ckpt-";
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");
    private static final String PARTIAL = ".partial";
    /** The prefix of a checkpoint moved aside because its files are damaged. */
    public static final String DAMAGED = "damaged-";

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

    /** What {@code trainer.json} holds; {@code files} is null in checkpoints of versions before checksums. */
    record Saved(TrainerState trainer, long logBytes, String saved, Map<String, FileSums.Sum> files) {}

    /**
     * What checking one checkpoint directory found.
     *
     * @param checkpoint what it holds, null when its {@code trainer.json} cannot be read
     * @param problems one phrase per damaged file; empty when intact
     * @param checksummed whether its files carry checksums (versions before them did not write any)
     */
    public record Check(Path dir, Checkpoint checkpoint, List<String> problems, boolean checksummed) {
        public boolean intact() {
            return checkpoint != null && problems.isEmpty();
        }

        /** "intact" or the problems, joined. */
        public String verdict() {
            return intact() ? "intact" : String.join("; ", problems);
        }
    }

    private final Path root;
    private final LongSupplier logLength;
    private final int keep;
    /** Bytes of the last checkpoint this instance wrote or checked: what the next one will take. */
    private long lastBytes = -1;

    /** @param logLength the current length of the run's metric log, recorded with each checkpoint */
    public Checkpoints(Path root, LongSupplier logLength) {
        this(root, logLength, DEFAULT_KEEP);
    }

    /** @param keep how many of the newest checkpoints to keep (at least 2), besides the best */
    public Checkpoints(Path root, LongSupplier logLength, int keep) {
        this.root = root;
        this.logLength = logLength;
        this.keep = Math.max(2, keep);
    }

    public Path root() {
        return root;
    }

    /** The checkpoint the index names latest, unchecked (see {@link #resumable} for one that is checked). */
    public Optional<Checkpoint> latest() {
        return read("latest");
    }

    public Optional<Checkpoint> best() {
        return read("best");
    }

    /**
     * The newest intact checkpoint, to resume from; empty when there is none at all. Newer ones
     * that are damaged are logged with the reason, moved aside and no longer indexed.
     *
     * @throws RunFailedException when checkpoints exist but none of them is intact
     */
    public Optional<Checkpoint> resumable() {
        List<Path> dirs = complete();
        ObjectNode index = readIndex();
        if (dirs.isEmpty()) {
            if (index.hasNonNull("latest")) {
                throw new RunFailedException("no checkpoint is left under " + root + " although " + root.resolve(INDEX)
                        + " names " + index.get("latest").asText() + " (were they deleted?); delete " + root
                        + " to train this run from scratch");
            }
            return Optional.empty();
        }
        List<Check> damaged = new ArrayList<>();
        Check chosen = null;
        for (Path dir : dirs) {
            Check c = check(dir);
            if (c.intact()) {
                chosen = c;
                break;
            }
            damaged.add(c);
        }
        if (chosen == null) {
            StringBuilder why = new StringBuilder();
            for (Check c : damaged) why.append(why.length() == 0 ? "" : "; ").append(c.dir().getFileName()).append(": ")
                    .append(c.verdict());
            throw new RunFailedException("no checkpoint under " + root + " is intact (" + why + "); the run cannot "
                    + "resume: restore them from a copy, or delete " + root + " to train this run from scratch");
        }
        for (Check c : damaged) {
            Path aside = root.resolve(DAMAGED + c.dir().getFileName());
            LOG.warn("skipping the checkpoint {}: {}; moved aside to {}", c.dir(), c.verdict(), aside);
            try {
                DurableFiles.deleteTree(aside);
                DurableFiles.rename(c.dir(), aside);
            } catch (IOException e) {
                throw StorageFailure.writing(aside, e);
            }
        }
        String name = chosen.dir().getFileName().toString();
        if (!name.equals(index.path("latest").asText(null)) || !damaged.isEmpty()) {
            index.put("latest", name);
            index.remove("previous");
            String best = index.path("best").asText(null);
            if (best != null && !Files.isDirectory(root.resolve(best))) {
                LOG.warn("the best checkpoint {} is damaged; the run keeps the weights it ends with", best);
                index.remove("best");
            }
            writeIndex(index);
        }
        if (!damaged.isEmpty()) {
            LOG.warn("resuming from the newest intact checkpoint, {} (step {})", chosen.dir(),
                    chosen.checkpoint().state().step());
        }
        return Optional.of(chosen.checkpoint());
    }

    /** Every checkpoint directory, newest first, checked. */
    public List<Check> checkAll() {
        return complete().stream().map(this::check).toList();
    }

    /** Checks one checkpoint directory: its {@code trainer.json} and every file against its recorded size and checksum. */
    public Check check(Path dir) {
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) return new Check(dir, null, List.of(STATE + " is missing"), false);
        Saved saved;
        try {
            saved = JSON.readValue(state.toFile(), Saved.class);
            if (saved.trainer() == null) throw new IOException("no trainer state in it");
        } catch (IOException e) {
            return new Check(dir, null, List.of(STATE + " is unreadable (" + firstLine(e) + ")"), false);
        }
        Checkpoint checkpoint = new Checkpoint(dir, saved.trainer(), saved.logBytes());
        if (saved.files() == null) {
            List<String> missing = Files.isRegularFile(dir.resolve("variables.index")) ? List.of()
                    : List.of("variables.index is missing");
            return new Check(dir, checkpoint, missing, false);
        }
        List<String> problems = FileSums.problems(dir, saved.files());
        if (problems.isEmpty()) lastBytes = FileSums.bytes(saved.files());
        return new Check(dir, checkpoint, problems, true);
    }

    /** Saves the session's variables and {@code state}; it becomes the latest, and the best when {@code best}. */
    public Checkpoint save(Session session, TrainerState state, boolean best) {
        Path partial = root;
        try {
            Files.createDirectories(root);
            String name = PREFIX + String.format("%06d", nextSequence());
            partial = root.resolve(name + PARTIAL);
            DurableFiles.deleteTree(partial);
            Files.createDirectories(partial);
            FaultPoint.reach("checkpoint.start", state.step());
            warnIfShort("the checkpoint of step " + state.step());
            try {
                session.save(partial.resolve("variables").toString());
            } catch (TensorFlowException e) {
                if (StorageFailure.of(e) != null) throw StorageFailure.writing(partial, e);
                throw e;
            }
            FaultPoint.reach("checkpoint.write", state.step());
            Map<String, FileSums.Sum> sums = FileSums.of(partial);
            for (String f : sums.keySet()) DurableFiles.sync(partial.resolve(f));
            long logBytes = logLength.getAsLong();
            DurableFiles.write(partial.resolve(STATE),
                    JSON.writeValueAsBytes(new Saved(state, logBytes, Instant.now().toString(), sums)));
            Path dir = root.resolve(name);
            DurableFiles.rename(partial, dir);
            FaultPoint.reach("checkpoint.index", state.step());
            ObjectNode index = readIndex();
            index.remove("previous");
            index.put("latest", name);
            if (best) index.put("best", name);
            writeIndex(index);
            lastBytes = FileSums.bytes(sums);
            prune(index);
            String next = FreeSpace.shortfall(root, lastBytes, "the next checkpoint");
            if (next != null) LOG.warn(next);
            return new Checkpoint(dir, state, logBytes);
        } catch (IOException e) {
            DurableFiles.deleteQuietly(partial.equals(root) ? root.resolve("none") : partial);
            throw StorageFailure.writing(partial, e);
        } catch (StorageFailure e) {
            if (!partial.equals(root)) DurableFiles.deleteQuietly(partial);
            throw e;
        }
    }

    /** Logs a warning when the device will not hold another checkpoint of the size of the last one. */
    private void warnIfShort(String what) {
        if (lastBytes < 0) latest().ifPresent(c -> check(c.dir()));
        String warning = FreeSpace.shortfall(root, lastBytes, what);
        if (warning != null) LOG.warn(warning);
    }

    /** The size of the last checkpoint written or checked, in bytes; -1 when none is known yet. */
    public long lastBytes() {
        return lastBytes;
    }

    /**
     * Drops the latest checkpoint (its weights turned out not to be good): the newest one before
     * it becomes the latest, or none is left. Returns the new latest.
     */
    public Optional<Checkpoint> discardLatest() {
        ObjectNode index = readIndex();
        String latest = index.path("latest").asText(null);
        try {
            if (latest != null) DurableFiles.deleteTree(root.resolve(latest));
        } catch (IOException e) {
            throw StorageFailure.writing(root.resolve(latest), e);
        }
        List<Path> left = complete();
        if (left.isEmpty()) index.remove("latest");
        else index.put("latest", left.get(0).getFileName().toString());
        index.remove("previous");
        if (latest != null && latest.equals(index.path("best").asText(null))) index.remove("best");
        writeIndex(index);
        return latest();
    }

    /** Replaces the trainer state of the latest checkpoint (its variables and their checksums stay as saved). */
    public Checkpoint updateLatest(TrainerState state) {
        Checkpoint latest = latest().orElseThrow(() -> new IllegalStateException("no checkpoint to update"));
        Path file = latest.dir().resolve(STATE);
        try {
            Saved old = JSON.readValue(file.toFile(), Saved.class);
            DurableFiles.write(file, JSON.writeValueAsBytes(
                    new Saved(state, latest.logBytes(), Instant.now().toString(), old.files())));
        } catch (IOException e) {
            throw StorageFailure.writing(file, e);
        }
        return new Checkpoint(latest.dir(), state, latest.logBytes());
    }

    /** Whether a checkpoint's files are as written. */
    public boolean intact(Checkpoint checkpoint) {
        return check(checkpoint.dir()).intact();
    }

    /**
     * Loads a checkpoint's variables into the session, after checking its files: a damaged
     * checkpoint and one that does not fit the graph are told apart.
     */
    public void restore(Session session, Checkpoint checkpoint) {
        Check c = check(checkpoint.dir());
        if (!c.intact()) {
            throw new RunFailedException("the checkpoint " + checkpoint.dir() + " is damaged: " + c.verdict()
                    + "; run the same command again to resume from the newest intact checkpoint");
        }
        try {
            session.restore(checkpoint.prefix().toString());
        } catch (TensorFlowException | IllegalArgumentException e) {
            String files = c.checksummed() ? "is intact (every file matches its checksum) but"
                    : "carries no checksums (an older version wrote it), so a file may be damaged, or it";
            throw new RunFailedException("cannot restore the checkpoint " + checkpoint.dir() + ": it " + files
                    + " does not fit this model's graph (" + firstLine(e) + "); did the model's code or parameters "
                    + "change since it was saved? Delete " + root + " to train this run from scratch", e);
        }
    }

    private Optional<Checkpoint> read(String which) {
        ObjectNode index = readIndex();
        if (!index.hasNonNull(which)) return Optional.empty();
        Path dir = root.resolve(index.get(which).asText());
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new RunFailedException("checkpoint " + dir + " named in " + root.resolve(INDEX)
                    + " is missing or incomplete; run the same command again to resume from the newest intact one");
        }
        try {
            Saved saved = JSON.readValue(state.toFile(), Saved.class);
            return Optional.of(new Checkpoint(dir, saved.trainer(), saved.logBytes()));
        } catch (IOException e) {
            throw new RunFailedException("cannot read " + state + " (" + firstLine(e) + "); run the same command "
                    + "again to resume from the newest intact checkpoint", e);
        }
    }

    private ObjectNode readIndex() {
        Path index = root.resolve(INDEX);
        try {
            return Files.isRegularFile(index) ? (ObjectNode) JSON.readTree(index.toFile()) : JSON.createObjectNode();
        } catch (IOException | ClassCastException e) {
            // The index is only a pointer; the directories themselves say what exists.
            LOG.warn("{} is unreadable ({}); the checkpoint directories are used instead", index, firstLine(e));
            return JSON.createObjectNode();
        }
    }

    private void writeIndex(ObjectNode index) {
        try {
            DurableFiles.write(root.resolve(INDEX), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            throw StorageFailure.writing(root.resolve(INDEX), e);
        }
    }

    private int nextSequence() throws IOException {
        int max = 0;
        if (!Files.isDirectory(root)) return 1;
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(DAMAGED)) n = n.substring(DAMAGED.length());
                if (n.endsWith(PARTIAL)) n = n.substring(0, n.length() - PARTIAL.length());
                Matcher m = NAME.matcher(n);
                if (m.matches()) max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    /** Deletes all but the newest {@code keep} checkpoints and the indexed ones, and leftovers of crashed saves. */
    private void prune(ObjectNode index) throws IOException {
        Set<String> kept = new HashSet<>();
        index.fields().forEachRemaining(e -> kept.add(e.getValue().asText()));
        List<Path> all = complete();
        for (int i = 0; i < Math.min(keep, all.size()); i++) kept.add(all.get(i).getFileName().toString());
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(PREFIX) && Files.isDirectory(p) && !kept.contains(n)) DurableFiles.deleteTree(p);
            }
        }
    }

    /** The complete checkpoint directories ({@code ckpt-NNNNNN}, not partial or damaged ones), newest first. */
    private List<Path> complete() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)).forEach(out::add);
        } catch (IOException e) {
            throw StorageFailure.reading(root, e);
        }
        out.sort(Comparator.comparingInt(Checkpoints::sequence).reversed());
        return out;
    }

    private static int sequence(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
