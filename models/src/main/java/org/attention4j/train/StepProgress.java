package org.attention4j.train;

/**
 * Progress after one optimizer step.
 *
 * @param step steps done in all, from 1
 * @param totalSteps the planned steps in all
 * @param epoch the current epoch, from 1
 * @param epochs epochs in all
 * @param batch the batch just done within the epoch, from 1
 * @param batches batches in this epoch
 * @param loss this step's training loss (label-smoothed mean per target token)
 * @param lr the learning rate this step used
 * @param tokensPerSecond real source and target tokens per second in this session
 * @param elapsedSeconds wall time of this session
 * @param etaSeconds estimated time to the end of the run (step plan or time limit)
 * @param fraction how much of the run is done, in {@code [0, 1]}
 */
public record StepProgress(int step, int totalSteps, int epoch, int epochs, int batch, int batches, float loss,
    double lr, double tokensPerSecond, double elapsedSeconds, double etaSeconds, double fraction) {}
