package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/**
 * A validation set held out of the training set: drawn with the run's seed after the training
 * set's {@code classes} and {@code limit}, never trained on, the same examples every time the
 * same spec runs.
 */
public record ValidationSpec(
        @Param(doc = "examples held out of the training set: below 1 a fraction, otherwise a count",
                min = 0, exclusiveMin = true) double size) {}
