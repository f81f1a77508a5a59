package org.oodrunner.framework.data.transform;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.spec.model.PreprocessSpec.ResizeMethod;

/**
 * For one axis of a resize from {@code in} to {@code out} pixels: which source pixels make
 * each output pixel, with what weights (summing to 1). Output pixel {@code d} uses entries
 * {@code start(d)} to {@code start(d + 1) - 1}. Pixel centres are at half-integers
 * ("half-pixel centres"), as in TensorFlow 2, PyTorch's {@code align_corners=False} and PIL.
 */
final class AxisWeights {
    private final int[] starts;
    private final int[] indices;
    private final double[] weights;

    private AxisWeights(int[] starts, int[] indices, double[] weights) {
        this.starts = starts;
        this.indices = indices;
        this.weights = weights;
    }

    int start(int d) {
        return starts[d];
    }

    int index(int k) {
        return indices[k];
    }

    double weight(int k) {
        return weights[k];
    }

    static AxisWeights of(ResizeMethod method, int in, int out) {
        double scale = (double) in / out;
        int[] starts = new int[out + 1];
        List<Integer> idx = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int d = 0; d < out; d++) {
            starts[d] = idx.size();
            switch (method) {
                case NEAREST -> {
                    idx.add(Math.min(in - 1, (int) Math.floor((d + 0.5) * scale)));
                    w.add(1.0);
                }
                case BILINEAR -> {
                    double s = Math.max(0, Math.min(in - 1, (d + 0.5) * scale - 0.5));
                    int i0 = (int) Math.floor(s);
                    int i1 = Math.min(i0 + 1, in - 1);
                    double f = s - i0;
                    idx.add(i0);
                    w.add(1 - f);
                    if (i1 != i0 && f > 0) {
                        idx.add(i1);
                        w.add(f);
                    }
                }
                case AREA -> {
                    double lo = d * scale;
                    double hi = (d + 1) * scale;
                    for (int i = (int) Math.floor(lo); i < Math.min(in, (int) Math.ceil(hi)); i++) {
                        double overlap = Math.min(i + 1, hi) - Math.max(i, lo);
                        if (overlap > 1e-12) {
                            idx.add(i);
                            w.add(overlap / scale);
                        }
                    }
                }
            }
        }
        starts[out] = idx.size();
        return new AxisWeights(starts, idx.stream().mapToInt(Integer::intValue).toArray(),
                w.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
