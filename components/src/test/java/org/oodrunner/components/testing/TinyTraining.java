package org.oodrunner.components.testing;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.testing.ModelHarness;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.TrainStep;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/** A few Adam steps on one fixed batch, through the framework's own training step. */
public final class TinyTraining {
    private TinyTraining() {}

    /** The losses before the first and after the last step. Call before anything else runs the harness's session. */
    public static float[] fit(ModelHarness h, float[] images, int n, int steps, double lr) {
        TrainStep step = TrainStep.build(h.context().tf(), h.graph().loss(), h.context().parameters().all(),
                new OptimizerSpec(OptimizerSpec.Type.ADAM, lr, 0.9, 0.999, 1e-8, 0, null));
        Session session = h.runtime().session();
        ImageShape s = h.context().shape();
        float first = Float.NaN;
        try (TFloat32 x = TensorIO.floats(images, n, s.height(), s.width(), s.channels());
                TFloat32 rate = TensorIO.scalar((float) lr)) {
            for (int i = 0; i < steps; i++) {
                try (Result r = session.runner().feed(h.context().feed(), x).feed(step.learningRate(), rate)
                        .addTarget(step.update()).fetch(h.graph().loss()).run()) {
                    if (i == 0) first = TensorIO.toScalar(r.get(0));
                }
            }
        }
        float last = h.run(h.graph().loss(), images, n)[0];
        return new float[] {first, last};
    }
}
