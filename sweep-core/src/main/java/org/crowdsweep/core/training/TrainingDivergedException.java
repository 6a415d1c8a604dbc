package org.crowdsweep.core.training;

/** The loss or the weights became NaN or infinite: the training stops and writes no model. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;

  TrainingDivergedException(long step, String what) {
    super("training diverged at environment step " + step + ": " + what);
    this.step = step;
  }

  /** The environment step at which the divergence was seen. */
  public long step() {
    return step;
  }
}
