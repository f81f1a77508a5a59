package org.oodrunner.framework.tf;

import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;

/**
 * What a training run reads.
 *
 * @param validation the held-out set evaluated every {@code eval_every} steps, or null
 * @param seed the run's seed: data order, dequantisation noise
 * @param evalBatchSize batch size of validation passes
 */
public record TrainingData(ImageSet train, ImageSet validation, Preprocessing preprocessing, long seed, int evalBatchSize) {}
