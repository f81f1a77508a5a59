package org.oodrunner.framework.tf;

import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Draws samples from a model's {@link Sampler}, one-shot or sequential, in one session. */
public final class SampleDrawer {
    private final Session session;
    private final Sampler sampler;
    private final ImageShape shape;

    public SampleDrawer(Session session, Sampler sampler, ImageShape shape) {
        this.session = session;
        this.sampler = sampler;
        this.shape = shape;
    }

    /**
     * {@code n} samples at the given temperature, [n * H * W * C] floats row-major (NHWC), in the
     * model's input space. A sequential sampler runs its {@link Sampler#steps()} evaluations here.
     */
    public float[] draw(int n, float temperature) {
        if (n < 1) throw new IllegalArgumentException("draw at least one sample, not " + n);
        float[] canvas = new float[n * shape.dims()];
        for (int t = 0; t < sampler.steps(); t++) {
            try (TFloat32 temp = TensorIO.scalar(temperature);
                    TInt32 count = TInt32.scalarOf(n);
                    TInt32 step = TInt32.scalarOf(t);
                    TFloat32 previous = sampler.isSequential()
                            ? TensorIO.floats(canvas, n, shape.height(), shape.width(), shape.channels()) : null) {
                Session.Runner runner = session.runner().feed(sampler.temperature(), temp);
                if (sampler.count() != null) runner.feed(sampler.count(), count);
                if (previous != null) runner.feed(sampler.canvas(), previous).feed(sampler.step(), step);
                try (Result r = runner.fetch(sampler.samples()).run()) {
                    canvas = TensorIO.toFloats(r.get(0));
                }
            }
            if (canvas.length != n * shape.dims()) {
                throw new IllegalStateException("the sampler made " + canvas.length + " values for " + n + " samples of "
                        + shape);
            }
        }
        return canvas;
    }
}
