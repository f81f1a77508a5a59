package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

/**
 * A flow on a classifier's features end to end: a JEM classifier run (no SGLD: a plain
 * classifier), then {@code mlp_flow} with {@code data.features} naming that run. Every set's
 * features are cached in the flow's run and equal what the classifier's exported graph
 * computes on the images; the run scores and logs its curves on them.
 */
class FeaturesRunTest {
    private static final int DIMS = 7 * 7 * 2;

    @Test
    void aFlowTrainsOnTheCachedFeaturesOfAClassifierRun(@TempDir Path tmp) throws IOException {
        Path dataRoot = TinyFashionMnist.write(tmp.resolve("data"), 64, 30);
        Path classifierSpec = tmp.resolve("classifier.yaml");
        Files.writeString(classifierSpec, """
                name: tiny_classifier
                seed: 1
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: fashion_mnist, split: test, classes: [0], label: zeros}]
                model: {type: jem, px_weight: 0, input_noise: 0, network: {type: convnet, channels: [2, 2, 2]}}
                train: {steps: 4, batch_size: 16}
                scorers: [max_softmax]
                metrics: [auroc]
                """);
        EngineRunTest.Cli classifier = EngineRunTest.cli("run", classifierSpec.toString(), "--out",
                tmp.resolve("classifier").toString(), "--data-root", dataRoot.toString());
        assertEquals(0, classifier.code(), classifier.err());
        Path classifierRun = EngineRunTest.onlyRun(tmp.resolve("classifier"));

        Path flowSpec = tmp.resolve("flow.yaml");
        Files.writeString(flowSpec, """
                name: tiny_feature_flow
                seed: 2
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test, classes: [1, 2, 3, 4, 5, 6, 7, 8, 9], label: not_zeros}
                  ood: [{dataset: fashion_mnist, split: test, classes: [0], label: zeros}]
                  features: {run: %s, output: jem/eval/features, dims: %d}
                model: {type: mlp_flow, steps: 2, hidden: 16}
                train: {steps: 6, batch_size: 16}
                scorers: [log_likelihood]
                metrics: [auroc]
                eval: {every: 3}
                """.formatted(classifierRun, DIMS));
        EngineRunTest.Cli flow = EngineRunTest.cli("run", flowSpec.toString(), "--out", tmp.resolve("flow").toString(),
                "--data-root", dataRoot.toString());
        assertEquals(0, flow.code(), flow.err());
        Path flowRun = EngineRunTest.onlyRun(tmp.resolve("flow"));
        JsonNode results = EngineRunTest.json(flowRun.resolve("results.json"));
        assertTrue(results.at("/metrics/log_likelihood/zeros/auroc").isNumber(), results.toString());
        assertTrue(EngineRunTest.metrics(flowRun).stream().anyMatch(m -> m.startsWith("eval/zeros/bits_per_dim@6=")));

        // One cache file per set: training, test and OOD.
        List<Path> cached;
        try (Stream<Path> s = Files.list(flowRun.resolve("features"))) {
            cached = s.filter(p -> p.toString().endsWith(".f32")).sorted().toList();
        }
        assertEquals(3, cached.size(), cached.toString());
        Path zeros = cached.stream().filter(p -> p.getFileName().toString().startsWith("zeros-")).findFirst().orElseThrow();
        float[] fromCache = floats(Files.readAllBytes(zeros));

        // The classifier's own export, fed the three zeros of the test set at the bin centres.
        byte[] images = idxImages(dataRoot.resolve("fashion_mnist/t10k-images-idx3-ubyte.gz"));
        float[] x = new float[3 * 784];
        int k = 0;
        for (int i = 0; i < 30; i += 10) { // labels are i % 10: the zeros are examples 0, 10, 20
            for (int j = 0; j < 784; j++) x[k * 784 + j] = ((images[i * 784 + j] & 0xFF) + 0.5f) / 256f;
            k++;
        }
        float[] expected;
        try (SavedModelBundle bundle = SavedModelBundle.load(classifierRun.resolve("artifacts/saved_model").toString(),
                "serve");
                TFloat32 in = TensorIO.floats(x, 3, 28, 28, 1);
                Result r = bundle.session().runner().feed("images", in).fetch("jem/eval/features").run()) {
            expected = TensorIO.toFloats(r.get(0));
        }
        assertEquals(3 * DIMS, fromCache.length);
        boolean nonZero = false;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], fromCache[i], 1e-5f, "feature " + i);
            nonZero |= expected[i] != 0;
        }
        assertTrue(nonZero, "the features are not all zero");
    }

    private static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 4];
        for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
        return out;
    }

    private static byte[] idxImages(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] all = in.readAllBytes();
            return java.util.Arrays.copyOfRange(all, 16, all.length);
        }
    }
}
