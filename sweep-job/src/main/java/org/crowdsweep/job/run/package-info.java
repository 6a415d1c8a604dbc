/**
 * Running a sweep: the model cache, the per-point work (train or load, evaluate, write), and the Spark job that
 * spreads it. Tasks receive the spec's JSON and a point id, re-expand the spec on the executor (deterministic and
 * cheap) and build everything heavy there.
 */
package org.crowdsweep.job.run;
