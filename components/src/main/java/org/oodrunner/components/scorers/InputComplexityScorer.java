package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;

/**
 * Input complexity (Serrà et al. 2020): S(x) = -log2 p(x) - L(x), with L(x) the length in bits of
 * x under a generic compressor (PNG, or JPEG at a quality). S compares the model with a
 * universal model of images: simple inputs get high likelihood from every model, and
 * subtracting what a compressor needs removes that advantage. S is large for OOD inputs, so the
 * score is -S = L(x) + log2 p(x). -log2 p(x) is the discrete likelihood in bits, D bits/dim;
 * images are compressed at the run's bit depth.
 */
public final class InputComplexityScorer implements Scorer {
    private final InputComplexityParams params;
    private int levels;

    public InputComplexityScorer(InputComplexityParams params) {
        this.params = params;
    }

    @Override
    public boolean readsPixels() {
        return true;
    }

    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public void prepare(ScorerPreparation preparation) {
        levels = preparation.levels();
    }

    @Override
    public double[] score(ScoringInput input) {
        if (levels == 0) throw new IllegalStateException("input_complexity scores only after prepare()");
        double[] ll = input.get(Quantity.LOG_LIKELIHOOD).column();
        double[] bits = compressedBits(input.images());
        int d = input.images().shape().dims();
        double[] out = new double[ll.length];
        for (int i = 0; i < ll.length; i++) {
            double nllBits = d * Preprocessing.bitsPerDim(ll[i], d, levels);
            out[i] = bits[i] - nllBits;
        }
        return out;
    }

    /** L(x) for each image, at the run's bit depth (levels shifted back to the top bits of a byte). */
    double[] compressedBits(ImageSet images) {
        int shift = Integer.numberOfTrailingZeros(256 / levels);
        double[] out = new double[images.size()];
        try (ImageCompressor compressor = new ImageCompressor(params.compressor(), params.jpegQuality())) {
            byte[] reduced = new byte[images.shape().dims()];
            for (int i = 0; i < out.length; i++) {
                byte[] img = images.images()[i];
                for (int p = 0; p < img.length; p++) reduced[p] = (byte) (((img[p] & 0xFF) >>> shift) << shift);
                out[i] = compressor.bits(reduced, images.shape());
            }
        }
        return out;
    }
}
