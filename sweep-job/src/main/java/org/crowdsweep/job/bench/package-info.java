/** Benchmarks run by {@code scripts/bench-*}: each reports ratios against a baseline measured in the same run. */
package org.crowdsweep.job.bench;
