package org.oodrunner.framework.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model's sampling graph; {@link SampleDrawer} runs it. Images come out in the model's input
 * space ({@code InputTransform.inverse} maps them back to [0,1]). Two forms:
 * <ul>
 *   <li><b>one-shot</b> (flows, VAEs): feed {@code count} and {@code temperature}, fetch
 *       {@code samples} once.</li>
 *   <li><b>sequential</b> (autoregressive models, Markov chains): a sample is built by
 *       {@code steps} evaluations of the same graph. Evaluation t = 0, 1, ... feeds the previous
 *       evaluation's {@code samples} into {@code canvas} (zeros before the first), t into
 *       {@code step}, and the temperature; the last evaluation's {@code samples} are the
 *       samples. A PixelCNN fills in one sub-pixel per step, so it needs H*W*C steps: a graph
 *       cannot loop with gradients in TensorFlow Java 1.1.0, and unrolling H*W*C copies of the
 *       network into one graph does not scale, so the loop runs in Java.</li>
 * </ul>
 *
 * @param count how many samples ([] int32); may be null for a sequential sampler, whose count
 *     is the canvas's batch size
 * @param temperature scale of the model's noise, 1 = the model's own distribution ([] float32)
 * @param samples the samples, [count, H, W, C] (one-shot) or the next canvas (sequential)
 * @param canvas sequential only: the previous step's samples, [count, H, W, C]; null for one-shot
 * @param step sequential only: the index of the evaluation, 0 .. steps-1 ([] int32); null for one-shot
 * @param steps sequential only: the number of evaluations; 1 for one-shot
 */
public record Sampler(
        Placeholder<TInt32> count,
        Placeholder<TFloat32> temperature,
        Operand<TFloat32> samples,
        Placeholder<TFloat32> canvas,
        Placeholder<TInt32> step,
        int steps) {

    public Sampler {
        if (temperature == null || samples == null) throw new IllegalArgumentException("a sampler needs a temperature and samples");
        if ((canvas == null) != (step == null)) {
            throw new IllegalArgumentException("a sequential sampler needs both a canvas and a step placeholder");
        }
        if (canvas == null && (count == null || steps != 1)) {
            throw new IllegalArgumentException("a one-shot sampler needs a count placeholder and takes 1 step");
        }
        if (steps < 1) throw new IllegalArgumentException("a sampler takes at least one step, not " + steps);
    }

    /** A one-shot sampler: one evaluation makes the samples. */
    public Sampler(Placeholder<TInt32> count, Placeholder<TFloat32> temperature, Operand<TFloat32> samples) {
        this(count, temperature, samples, null, null, 1);
    }

    /** A sequential sampler: {@code steps} evaluations, each feeding the last one's samples back as the canvas. */
    public static Sampler sequential(Placeholder<TFloat32> canvas, Placeholder<TInt32> step, int steps,
            Placeholder<TFloat32> temperature, Operand<TFloat32> nextCanvas) {
        return new Sampler(null, temperature, nextCanvas, canvas, step, steps);
    }

    public boolean isSequential() {
        return canvas != null;
    }
}
