package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.classification.Classification;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Validation of a model with logits on labelled data: cross-entropy (what early stopping
 * minimises), accuracy and calibration error, and no bits/dim from an unnormalised likelihood.
 */
class ClassifierValidationTest {
    /** Logistic regression on the pixels, which also offers logsumexp of its logits as an unnormalised log p(x). */
    static final class TinyClassifier implements Model {
        @Override
        public Set<Quantity> provides() {
            return Set.of(Quantity.LOGITS, Quantity.LOG_LIKELIHOOD);
        }

        @Override
        public ModelGraph build(GraphContext g) {
            Ops tf = g.tf().withSubScope("classifier");
            int d = g.dims();
            Initializers init = new Initializers(tf, g.seeds());
            Variable<TFloat32> w = g.parameters().create(tf, "w", init.normal(0.01f, d, g.numClasses()));
            Variable<TFloat32> b = g.parameters().create(tf, "b", init.zeros(g.numClasses()));
            Operand<TFloat32> flat = tf.reshape(g.images(), tf.constant(new int[] {-1, d}));
            Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(flat, w), b);
            Operand<TFloat32> oneHot = tf.oneHot(g.labels(), tf.constant(g.numClasses()), tf.constant(1f), tf.constant(0f));
            Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
                    tf.constant(0));
            Operand<TFloat32> lse = tf.math.log(tf.sum(tf.math.exp(logits), tf.constant(1)));
            return ModelGraph.builder().loss(loss).output(Quantity.LOGITS, logits).output(Quantity.LOG_LIKELIHOOD, lse)
                    .unnormalizedLikelihood().build();
        }
    }

    /** Class 0 dark, class 1 bright. */
    static ImageSet labelled(String name, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = TrainerTest.SHAPE.dims();
        byte[][] images = new byte[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < d; j++) images[i][j] = (byte) (labels[i] == 0 ? 40 + r.nextInt(60) : 150 + r.nextInt(60));
        }
        return new ImageSet(name, TrainerTest.SHAPE, images, labels, 2);
    }

    @Test
    void aClassifierIsValidatedByItsCrossEntropyAccuracyAndCalibrationNotByBitsPerDim() {
        ImageSet train = labelled("train", 64, 1);
        ImageSet validation = labelled("validation", 30, 2);
        TrainSpec spec = new TrainSpec(24, 1, 8, TrainerTest.adam(0.05), 4, 12, 0, null, DivergenceSpec.STOP);
        TrainerTest.Log log = new TrainerTest.Log();
        try (TfRuntime runtime = new TfRuntime(TestGraph.CPU)) {
            GraphContext g = GraphContext.create(runtime, TrainerTest.SHAPE, 2, 256, InputTransform.identity(), 3);
            ModelGraph model = new TinyClassifier().build(g);
            TrainingData data = new TrainingData(train, validation, TestGraph.PREPROCESSING, 3, 8);
            TrainingOutcome out = new Trainer(runtime, g, model, spec).train(data, null, () -> false, log);
            assertEquals(TrainingOutcome.Status.FINISHED, out.status());

            List<String> validations = log.lines.stream().filter(l -> l.startsWith("validation")).toList();
            assertEquals(6, validations.size(), validations.toString());
            assertTrue(validations.get(0).startsWith("validation 12 cross_entropy="), validations.toString());
            assertTrue(validations.get(1).startsWith("validation 12 accuracy="), validations.toString());
            assertTrue(validations.get(2).startsWith("validation 12 ece="), validations.toString());

            // The logged values are those of the final weights' logits on the validation set.
            Validator validator = new Validator(runtime, g, model, data);
            assertEquals("cross_entropy", validator.metric());
            Map<String, Double> values = validator.evaluateAll();
            PerExample logits = new Evaluator(runtime, g, model).evaluate(validation, Set.of(Quantity.LOGITS),
                    TestGraph.PREPROCESSING, 8, 3 ^ 0x7A11_DA7E_5EEDL, null).get(Quantity.LOGITS);
            assertEquals(Classification.of(logits, validation.labels()).metrics(), values);
            assertEquals(1.0, values.get("accuracy"), "the classes are separable");
            assertTrue(validations.get(3).equals("validation 24 cross_entropy=" + values.get("cross_entropy")),
                    validations.toString());
        }
    }
}
