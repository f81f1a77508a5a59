package org.oodrunner.framework.spec.model;

import java.util.List;
import java.util.Map;
import org.oodrunner.framework.component.ComponentKind;

/**
 * {@code {dataset: mnist, split: test, range: [0, 8000], limit: 1000, classes: [0, 1]}} plus the
 * dataset's own parameters.
 *
 * @param split null: the dataset's default split
 * @param range null: the whole split; otherwise {@code [start, end]}: only examples
 *     {@code start .. end-1} of the split, applied before {@code classes} and {@code limit}
 *     (checked by the planner, which knows where the list sits in the spec)
 * @param order the order {@code range} counts in; null: the split's on-disk order
 * @param limit null: all; below 1: a fraction; otherwise a count; drawn with the run's seed
 * @param classes null: all classes; otherwise only these labels
 * @param label how results name this set; null: {@code dataset/split}
 */
public record DatasetRef(String dataset, String split, List<Integer> range, Order order, Double limit,
        List<Integer> classes, String label, Map<String, Object> params) implements ComponentRef {

    /** The keys every dataset reference accepts besides the dataset's own parameters. */
    public static final List<String> COMMON_KEYS = List.of("dataset", "split", "range", "order", "limit", "classes", "label");

    /** The order of a split's examples that {@code range} counts in. */
    public enum Order {
        /** As stored: the first {@code n} of the file are {@code [0, n]}. */
        FILE,
        /** Shuffled with the run's seed, the same for every reference to the split in the run. */
        SHUFFLED
    }

    public DatasetRef {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        classes = classes == null ? null : List.copyOf(classes);
        range = range == null ? null : List.copyOf(range);
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
