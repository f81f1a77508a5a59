package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** How 8-bit images become model inputs; the same for every dataset of a run. */
public record PreprocessSpec(
        @Param(doc = "bit depth kept per value; 2^bits levels", value = "8", min = 1, max = 8) int bits,
        @Param(doc = "dequantisation noise added to the integer levels before scaling to [0,1]", value = "uniform")
        Dequantization dequantize) {

    /** Number of distinct values per sub-pixel after reducing the bit depth. */
    public int levels() {
        return 1 << bits;
    }

    public enum Dequantization {
        /** x = (level + u) / levels with u ~ U[0,1): the continuous density bounds the discrete likelihood. */
        UNIFORM,
        /** x = (level + 0.5) / levels: for models of discrete data. */
        NONE
    }
}
