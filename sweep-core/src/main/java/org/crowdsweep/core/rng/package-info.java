/**
 * A bit-exact Java port of the parts of numpy's random module that the crowdworker platform uses.
 *
 * <p>{@link org.crowdsweep.core.rng.NumpyRandom} is {@code numpy.random.default_rng(seed)}: a {@code PCG64} bit
 * generator seeded through {@link org.crowdsweep.core.rng.SeedSequence}, with {@code random()}, {@code
 * integers(0, n)} (Lemire's method on buffered 32-bit draws), {@code shuffle}, the 256-layer ziggurat {@code
 * standard_normal} and {@code standard_exponential}, Marsaglia–Tsang {@code standard_gamma} and {@code beta}. A seed
 * therefore gives the same episodes as the Python original (model-spec §3.9).
 *
 * <p>{@link org.crowdsweep.core.rng.StableSeeds} derives seeds from identities with a stable hash. There is no
 * global or static random state anywhere: every consumer receives its own generator.
 */
package org.crowdsweep.core.rng;
