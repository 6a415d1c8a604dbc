/**
 * The {@code sweep} command line: {@code evaluate} and {@code trace} (published or trained models in any world).
 *
 * <p>{@code main} only parses and maps outcomes to exit codes: 0 success, 1 failures in the work, 2 bad input (one
 * line on stderr naming the field, the rule and the value; never a stack trace).
 */
package org.crowdsweep.job.cli;
