package org.oodrunner.framework.tf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.errors.BadInputException;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.types.TFloat32;

/**
 * A TensorFlow SavedModel used as a feature extractor: images in through a signature's one
 * input, a named output out (a signature output, or any operation of the graph, so the
 * penultimate layer of a classifier can be read even when no signature exports it).
 */
public final class SavedModelFeatures implements AutoCloseable {
    private final SavedModelBundle bundle;
    private final String input;
    private final String output;

    private SavedModelFeatures(SavedModelBundle bundle, String input, String output) {
        this.bundle = bundle;
        this.input = input;
        this.output = output;
    }

    /**
     * Loads the SavedModel at {@code dir} (tag serve) and finds the input and the output.
     *
     * @param signature null: {@code log_prob} (a run's export) when present, else serving_default
     * @param output a signature output's name, or an operation's name
     * @param where how the spec names these settings, for messages
     */
    public static SavedModelFeatures open(Path dir, String signature, String output, String where) {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new BadInputException(where + ": " + dir + " is not a SavedModel (no saved_model.pb); name a run "
                    + "exported with export.saved_model: true, or a SavedModel directory");
        }
        SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelExport.TAG);
        try {
            List<Signature> signatures = bundle.signatures();
            Signature sig = find(signatures, signature);
            if (sig == null) {
                throw new BadInputException(where + ": " + dir + " has no signature "
                        + (signature != null ? "'" + signature + "'" : "log_prob or serving_default") + " (it has "
                        + signatures.stream().map(Signature::key).toList() + "); set data.features.signature");
            }
            if (sig.getInputs().size() != 1) {
                throw new BadInputException(where + ": signature '" + sig.key() + "' of " + dir + " has inputs "
                        + sig.inputNames() + "; a feature extractor takes the images as its one input");
            }
            String in = sig.getInputs().values().iterator().next().name;
            Signature.TensorDescription out = sig.getOutputs().get(output);
            String fetched;
            if (out != null) {
                fetched = out.name;
            } else if (bundle.graph().operation(output) != null) {
                fetched = output;
            } else {
                throw new BadInputException(where + ": " + dir + " has neither an output '" + output + "' in signature '"
                        + sig.key() + "' (outputs " + sig.outputNames() + ") nor an operation of that name; set "
                        + "data.features.output");
            }
            return new SavedModelFeatures(bundle, in, fetched);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    private static Signature find(List<Signature> signatures, String wanted) {
        List<String> order = wanted != null ? List.of(wanted) : List.of(SavedModelExport.SIGNATURE, Signature.DEFAULT_KEY);
        for (String key : order) {
            for (Signature s : signatures) if (s.key().equals(key)) return s;
        }
        return null;
    }

    /**
     * The features of every example of {@code set}, in order, computed in batches of {@code batchSize}
     * from its images as {@code feed} turns them into floats.
     *
     * @throws BadInputException when a feature vector does not have {@code dims} values
     */
    public float[][] compute(ImageSet set, Preprocessing feed, int batchSize, int dims, String where) {
        int n = set.size();
        int d = set.shape().dims();
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += batchSize) {
            int b = Math.min(batchSize, n - start);
            float[] x = new float[b * d];
            for (int i = 0; i < b; i++) feed.toFloats(set.images()[start + i], x, i * d, 0L);
            try (TFloat32 images = TensorIO.floats(x, b, set.shape().height(), set.shape().width(), set.shape().channels());
                    Result r = bundle.session().runner().feed(input, images).fetch(output).run()) {
                float[] values = TensorIO.toFloats(r.get(0));
                if (values.length != (long) b * dims) {
                    throw new BadInputException(where + ": the output '" + output + "' gives " + values.length / b
                            + " values per example, not data.features.dims = " + dims + "; set dims to "
                            + values.length / b);
                }
                for (int i = 0; i < b; i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(values, i * dims, (i + 1) * dims);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        bundle.close();
    }

    /** For messages and the cache key: the tensors it reads. */
    public Map<String, String> describe() {
        return Map.of("input", input, "output", output);
    }
}
