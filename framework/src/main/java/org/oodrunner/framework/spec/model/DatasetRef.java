package org.oodrunner.framework.spec.model;

import java.util.List;
import java.util.Map;
import org.oodrunner.framework.component.ComponentKind;

/**
 * {@code {dataset: mnist, split: test, limit: 1000, classes: [0, 1]}} plus the dataset's own
 * parameters.
 *
 * @param split null: the dataset's default split
 * @param limit null: all; below 1: a fraction; otherwise a count; drawn with the run's seed
 * @param classes null: all classes; otherwise only these labels
 * @param label how results name this set; null: {@code dataset/split}
 */
public record DatasetRef(String dataset, String split, Double limit, List<Integer> classes, String label,
        Map<String, Object> params) implements ComponentRef {

    /** The keys every dataset reference accepts besides the dataset's own parameters. */
    public static final List<String> COMMON_KEYS = List.of("dataset", "split", "limit", "classes", "label");

    public DatasetRef {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        classes = classes == null ? null : List.copyOf(classes);
    }

    @Override
    public ComponentKind kind() {
        return ComponentKind.DATASET;
    }

    @Override
    public String type() {
        return dataset;
    }
}
