package org.oodrunner.framework.component;

/**
 * The outcome of a batch-level test at one batch size M.
 *
 * @param threshold the statistic above which a batch is declared OOD
 * @param inBatches batches drawn from the in-distribution test set
 * @param oodBatches batches drawn from the OOD set
 * @param falseAlarmRate fraction of in-distribution batches declared OOD
 * @param detectionRate fraction of OOD batches declared OOD
 */
public record BatchTestResult(int batchSize, double threshold, int inBatches, int oodBatches, double falseAlarmRate,
        double detectionRate) {}
