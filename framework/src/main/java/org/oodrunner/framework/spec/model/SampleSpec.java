package org.oodrunner.framework.spec.model;

import java.util.List;
import org.oodrunner.framework.component.Param;

/** Images drawn from the trained model (models with a sampler) and saved as PNG grids. */
public record SampleSpec(
        @Param(doc = "images per grid; 0 draws none", value = "64", min = 0) int count,
        @Param(doc = "one grid per temperature: the scale of the prior's noise (1: the model's own "
                + "distribution; Glow's samples look best near 0.7)", value = "[0.7, 1.0]") List<Double> temperatures) {

    public SampleSpec {
        temperatures = List.copyOf(temperatures);
    }
}
