package org.oodrunner.framework.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether Nalisnick et al.'s second-order expression applies to a pair of sets and a model. It is
 * derived for a constant-volume flow (log |det df/dx| the same for every x, as CV-Glow's) and
 * expanded around a mean the two sets share, so that the first-order term vanishes. Outside
 * those conditions the predicted sign is no test of the expression.
 *
 * @param constantVolume the model is constant-volume (it offers alpha_c: CV-Glow)
 * @param meanGapInSd per channel, |mean_q - mean_p*| / sd_p*
 * @param commonMean every channel's gap is at most {@link #MEAN_TOLERANCE_SD}
 */
public record SecondMomentAssumptions(boolean constantVolume, double[] meanGapInSd, boolean commonMean) {
    /** The largest mean gap, in training standard deviations, still read as "a common mean". */
    public static final double MEAN_TOLERANCE_SD = 0.1;

    public static SecondMomentAssumptions of(ChannelMoments reference, ChannelMoments other, boolean constantVolume) {
        int c = reference.channels();
        double[] gap = new double[c];
        boolean common = true;
        for (int ch = 0; ch < c; ch++) {
            double sd = Math.sqrt(reference.variance()[ch]);
            double d = Math.abs(other.mean()[ch] - reference.mean()[ch]);
            gap[ch] = sd > 0 ? d / sd : (d == 0 ? 0 : Double.POSITIVE_INFINITY);
            if (gap[ch] > MEAN_TOLERANCE_SD) common = false;
        }
        return new SecondMomentAssumptions(constantVolume, gap, common);
    }

    public boolean hold() {
        return constantVolume && commonMean;
    }

    /** What does not hold, as one phrase; empty when everything does. */
    public String violations() {
        List<String> out = new ArrayList<>();
        if (!constantVolume) out.add("the model is not constant-volume");
        if (!commonMean) {
            double max = 0;
            for (double g : meanGapInSd) max = Math.max(max, g);
            out.add(String.format(Locale.ROOT, "the means differ (up to %.3g training sd per channel, tolerance %.2g)", max,
                    MEAN_TOLERANCE_SD));
        }
        return String.join("; ", out);
    }
}
