package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.model.FeaturesSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.tf.SavedModelFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the run's image sets into sets of a classifier's features ({@code data.features}),
 * computed once per set and cached in the run directory under {@code features/}: one
 * {@code <set>.f32} (little-endian float32, example after example) and one {@code <set>.json}
 * saying what it was computed from (the SavedModel, its size and time, the tensors, the set's
 * size). A resumed run, or a second evaluation, reads the cache when all of that still holds.
 *
 * <p>The images reach the classifier at the bin centres of the run's {@code bits}, with no
 * noise, so a set's features are a function of its images alone.
 */
public final class FeatureSets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureSets.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHERE = "data.features";

    private final FeaturesSpec spec;
    private final Path savedModel;
    private final Path cache;
    private final Preprocessing feed;
    private final int batchSize;
    private SavedModelFeatures model;

    /** @param runDir where the cache goes ({@code <runDir>/features/}) */
    public FeatureSets(FeaturesSpec spec, PreprocessSpec preprocess, int batchSize, Path runDir) {
        this.spec = spec;
        this.savedModel = savedModel(spec);
        this.cache = runDir.resolve("features");
        this.feed = new Preprocessing(preprocess.withQuantization(preprocess.bits(), PreprocessSpec.Dequantization.NONE));
        this.batchSize = batchSize;
    }

    /** The SavedModel directory the spec names: a run's export, or a SavedModel given directly. */
    static Path savedModel(FeaturesSpec spec) {
        if ((spec.run() == null) == (spec.savedModel() == null)) {
            throw new BadInputException(WHERE + ": give exactly one of run (a run directory) and saved_model");
        }
        if (spec.run() != null) {
            Path run = Path.of(spec.run()).toAbsolutePath().normalize();
            if (!Files.isDirectory(run)) {
                throw new BadInputException(WHERE + ".run: " + run + " is not a directory; train the classifier first "
                        + "(runner run <its spec>) and name its run directory");
            }
            return run.resolve("artifacts").resolve("saved_model");
        }
        return Path.of(spec.savedModel()).toAbsolutePath().normalize();
    }

    /** {@code set} as features: from the cache when it matches, else computed and cached. */
    public ImageSet features(ImageSet set) {
        Path values = cache.resolve(fileName(set.name()) + ".f32");
        Path meta = cache.resolve(fileName(set.name()) + ".json");
        ObjectNode key = key(set);
        try {
            // Compared as text: a long read back from JSON is an int node, and nodes of different kinds are never equal.
            if (Files.isRegularFile(values) && Files.isRegularFile(meta)
                    && JSON.writeValueAsString(JSON.readTree(meta.toFile())).equals(JSON.writeValueAsString(key))) {
                LOG.info("{}: {} features of {} dimensions read from {}", set.name(), set.size(), spec.dims(), values);
                return ImageSet.ofValues(set.name(), read(values, set.size(), spec.dims()), set.labels(), set.numClasses());
            }
            if (model == null) model = SavedModelFeatures.open(savedModel, spec.signature(), spec.output(), WHERE);
            float[][] computed = model.compute(set, feed, batchSize, spec.dims(), WHERE);
            write(values, computed);
            Path partial = meta.resolveSibling(meta.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), key);
            Files.move(partial, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("{}: {} features of {} dimensions computed by {} and cached in {}", set.name(), set.size(),
                    spec.dims(), savedModel, values);
            return ImageSet.ofValues(set.name(), computed, set.labels(), set.numClasses());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the features of " + set.name() + " in " + cache, e);
        }
    }

    /** What the cached features of a set were computed from; the cache is used only when all of it matches. */
    private ObjectNode key(ImageSet set) {
        ObjectNode key = JSON.createObjectNode();
        key.put("set", set.name());
        key.put("examples", set.size());
        key.put("saved_model", savedModel.toString());
        Path pb = savedModel.resolve("saved_model.pb");
        try {
            key.put("saved_model_bytes", Files.size(pb));
            key.put("saved_model_modified", Files.getLastModifiedTime(pb).toMillis());
        } catch (IOException e) {
            throw new BadInputException(WHERE + ": " + savedModel + " is not a SavedModel (no readable saved_model.pb); "
                    + "name a run exported with export.saved_model: true, or a SavedModel directory");
        }
        key.put("signature", spec.signature());
        key.put("output", spec.output());
        key.put("dims", spec.dims());
        key.put("bits", feed.levels());
        return key;
    }

    /** A file name for a set label ({@code mnist/train[0,1]}): safe characters and a hash against collisions. */
    static String fileName(String label) {
        String safe = label.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe + "-" + HexFormat.of().toHexDigits(label.hashCode());
    }

    private static void write(Path file, float[][] values) throws IOException {
        Files.createDirectories(file.getParent());
        int d = values.length == 0 ? 0 : values[0].length;
        ByteBuffer buf = ByteBuffer.allocate(values.length * d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : values) for (float f : v) buf.putFloat(f);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, buf.array());
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static float[][] read(Path file, int n, int dims) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != (long) n * dims * Float.BYTES) {
            throw new IOException(file + " has " + bytes.length + " bytes, not " + n + " x " + dims + " floats");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[n][dims];
        for (float[] v : out) for (int j = 0; j < dims; j++) v[j] = buf.getFloat();
        return out;
    }

    @Override
    public void close() {
        if (model != null) model.close();
    }
}
