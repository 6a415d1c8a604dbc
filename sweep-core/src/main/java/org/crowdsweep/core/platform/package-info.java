/**
 * The crowdworking platform of Hedderich &amp; Oulasvirta (2024) as a Markov decision process, ported rule for rule.
 *
 * <p>A {@link org.crowdsweep.core.platform.World} holds the worker's {@link
 * org.crowdsweep.core.platform.UserProperties}, the {@link org.crowdsweep.core.platform.AntiCheatSettings} and one
 * {@link org.crowdsweep.core.platform.TaskGiverDistribution} per task-giver. {@link
 * org.crowdsweep.core.platform.CrowdworkerPlatform} is the environment: reset, step and the 5K+4 raw observation,
 * with every quirk of the original (model-spec §3.8) kept on purpose.
 */
package org.crowdsweep.core.platform;
