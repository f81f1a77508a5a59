package org.oodrunner.framework.component;

import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.data.ImageSet;

/**
 * A model of the run's architecture, trained, that can be evaluated on any images: the run's
 * own model, or an auxiliary one trained for a scorer. Owned by the framework: scorers use it
 * while the run scores and never close it.
 */
public interface TrainedModel {
    /** The quantities {@link #evaluate} can compute. */
    Set<Quantity> provides();

    /**
     * Every requested quantity for every example of {@code images}, in order. Dequantisation
     * noise is drawn from the run's seed and {@code images.name()}: two evaluations of sets with
     * the same name (by this model or another of the run) see the same noise, so their
     * per-example differences do not carry it.
     */
    Map<Quantity, PerExample> evaluate(ImageSet images, Set<Quantity> quantities);
}
