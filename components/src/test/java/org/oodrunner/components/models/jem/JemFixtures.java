package org.oodrunner.components.models.jem;

import java.util.List;
import java.util.SplittableRandom;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.testing.ModelHarness;

/** Tiny JEMs and labelled images for tests: real graphs, shapes small enough for a unit test. */
final class JemFixtures {
    static final ImageShape SHAPE = new ImageShape(6, 6, 1);
    static final int CLASSES = 2;
    static final Preprocessing PREPROCESSING = new Preprocessing(PreprocessSpec.defaults());

    private JemFixtures() {}

    static NetworkParams convnet() {
        return new NetworkParams(NetworkParams.Type.CONVNET, 28, 1, List.of(4, 8), 0.2);
    }

    static JemParams params(NetworkParams network, SgldParams sgld, double energyLimit) {
        return new JemParams(network, 1.0, 0.03, true, sgld, energyLimit, 0);
    }

    static JemParams withEnergyPenalty(JemParams p, double weight) {
        return new JemParams(p.network(), p.pxWeight(), p.inputNoise(), p.evalInputNoise(), p.sgld(), p.energyLimit(),
                weight);
    }

    static JemParams tiny() {
        return params(convnet(), new SgldParams(3, 1.0, 0.01, 32, 0.05), 1e4);
    }

    static ModelHarness harness(JemParams params, long seed) {
        return new ModelHarness(new JemModel(params), SHAPE, 256, seed, CLASSES);
    }

    /**
     * Two classes a classifier can tell apart: class 0 is bright on the left half, class 1 on
     * the right, with noise.
     */
    static ImageSet images(String name, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = SHAPE.dims();
        byte[][] images = new byte[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            for (int row = 0; row < SHAPE.height(); row++) {
                for (int col = 0; col < SHAPE.width(); col++) {
                    boolean left = col < SHAPE.width() / 2;
                    int base = left == (labels[i] == 0) ? 200 : 50;
                    int v = base + (int) Math.round(r.nextGaussian() * 25);
                    images[i][row * SHAPE.width() + col] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new ImageSet(name, SHAPE, images, labels, CLASSES);
    }

    static OptimizerSpec adam(double lr) {
        return new OptimizerSpec(OptimizerSpec.Type.ADAM, lr, 0.9, 0.999, 1e-8, 0, null);
    }

    static TrainSpec train(int steps, double lr, int checkpointEvery, DivergenceSpec onDivergence) {
        return new TrainSpec(steps, 1, 8, adam(lr), 1, null, checkpointEvery, null, onDivergence);
    }
}
