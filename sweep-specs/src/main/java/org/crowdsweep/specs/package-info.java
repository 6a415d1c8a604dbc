/**
 * The sweep spec language: a JSON file that describes a whole study, validated with JSON paths and expanded into
 * points.
 *
 * <p>One path language sets everything: {@code antiCheat.qaModeProb}, {@code user.switchTaskTime}, {@code
 * taskGivers[0].payout}, {@code training.learningRate}, … ({@link org.crowdsweep.specs.Settings}). The base world,
 * the axes, the explicit points and the evaluation world are all lists of such settings. {@link
 * org.crowdsweep.specs.SpecReader} turns JSON into a {@link org.crowdsweep.specs.SweepSpec}; {@link
 * org.crowdsweep.specs.SpecValidator} checks it (every error, each one line with its JSON path); {@link
 * org.crowdsweep.specs.Expansion} turns it into {@link org.crowdsweep.specs.Point}s with stable ids and training keys.
 */
package org.crowdsweep.specs;
