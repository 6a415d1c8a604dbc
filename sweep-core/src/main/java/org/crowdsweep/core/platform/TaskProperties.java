package org.crowdsweep.core.platform;

/**
 * One task as drawn at reset from its task-giver's distribution.
 *
 * @param payout paid per answered question, whatever the answer
 * @param expertise probability that a diligent answer is known (then it is correct)
 * @param effort time cost of a diligent answer (times the worker's intentional answer time)
 * @param interestingness the shifted value in (-0.5, 0.5) as stored and observed
 * @param targetNumInstances number of real (non-gold) questions; a float, not rounded
 * @param numClasses number of labels (10)
 */
public record TaskProperties(
    double payout,
    double expertise,
    double effort,
    double interestingness,
    double targetNumInstances,
    int numClasses) {}
