package org.oodrunner.framework.run;

/**
 * The seed of the dequantisation noise when a dataset is evaluated: a function of the run's
 * seed and the set's name only, so every model of a run (the run's own, auxiliary ones) and
 * every transformed copy that keeps the name sees the same noise on the same images.
 */
public final class EvaluationNoise {
    private EvaluationNoise() {}

    public static long seed(long runSeed, String datasetName) {
        return runSeed + datasetName.hashCode();
    }
}
