/**
 * Evaluation: run a policy for N episodes in a world, record each episode, aggregate into per-point metrics.
 *
 * <p>{@link org.crowdsweep.core.evaluation.Evaluator} runs episodes in one of two {@link
 * org.crowdsweep.core.evaluation.SeedingMode}s; {@link org.crowdsweep.core.evaluation.EpisodeRecord} holds what one
 * episode did; {@link org.crowdsweep.core.evaluation.PointMetrics} reduces records to means with 95% confidence
 * intervals, computed with numpy's summation order so that the tutorial's printed means come out bit for bit.
 */
package org.crowdsweep.core.evaluation;
