/**
 * The original project's file formats: experiment directories ({@code config.json}, {@code user_properties.json},
 * {@code anti_cheat_settings.json}, {@code task_properties_distributions.txt}) read and written byte-compatibly
 * with Python's {@code json.dump(indent=4, sort_keys=True)}.
 */
package org.crowdsweep.core.io;
