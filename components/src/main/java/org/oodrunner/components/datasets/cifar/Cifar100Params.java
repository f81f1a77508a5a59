package org.oodrunner.components.datasets.cifar;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code cifar100}. */
public record Cifar100Params(
        @Param(doc = "which labels: fine (100 classes) or coarse (20 superclasses)", value = "fine") Labels labels) {

    public enum Labels {
        FINE,
        COARSE
    }
}
