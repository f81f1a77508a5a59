package org.oodrunner.framework.component;

import java.util.Map;
import org.oodrunner.framework.data.ImageSet;

/**
 * What a scorer sees for one dataset: the images and the model quantities for each of them.
 *
 * @param quantities per quantity, a row-major [N, width] array
 */
public record ScoringInput(ImageSet images, Map<Quantity, PerExample> quantities) {
    public PerExample get(Quantity q) {
        PerExample v = quantities.get(q);
        if (v == null) throw new IllegalStateException("quantity " + q + " was not computed");
        return v;
    }
}
