package org.oodrunner.framework.component;

/**
 * A model output for every example of a dataset: {@code n} rows of {@code width} values,
 * row-major. Scalars per example have width 1.
 */
public record PerExample(int n, int width, double[] values) {
    public PerExample {
        if (values.length != (long) n * width) {
            throw new IllegalArgumentException("expected " + n + "x" + width + " values, got " + values.length);
        }
    }

    public double get(int example) {
        return values[example * width];
    }

    public double get(int example, int column) {
        return values[example * width + column];
    }

    /** The per-example scalars, for width-1 quantities. */
    public double[] column() {
        if (width == 1) return values;
        throw new IllegalStateException("quantity has " + width + " values per example");
    }
}
