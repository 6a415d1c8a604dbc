package org.crowdsweep.core.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.rng.NumpyRandom;

/**
 * The QR-DQN networks on DJL's PyTorch engine: the same algorithm as {@link QuantileLearner}, computed by libtorch on
 * a CPU or a GPU.
 *
 * <p>The MLP runs forward and backward through PyTorch's autograd; the quantile Huber loss gradient is computed in
 * Java in O(N log N) ({@link QuantileHuberLoss}) and fed back as the gradient of {@code sum(z · g)}, so autograd never
 * builds the B×N×N pairwise tensor. Adam is torch's form, written out on NDArrays. The target network's greedy action
 * and targets are computed in Java from its outputs. Acting uses a pure-Java copy of the online network's greedy
 * policy, refreshed after each gradient step (a batch-1 call through JNI costs more than the Java forward pass).
 *
 * <p>Every step runs in its own {@link NDManager} and every temporary is attached to it, so nothing accumulates over
 * a long run. Initial weights are drawn exactly as {@link QuantileLearner} draws them, from the injected generator,
 * so both backends start from the same network.
 */
public final class DjlQuantileLearner implements Learner {
  private final int in;
  private final int actions;
  private final int nq;
  private final int batch;
  private final QrDqnSettings settings;
  private final QuantileNetwork shape;
  private final Device device;
  private final NDManager manager;
  private final NDArray[] online = new NDArray[6];
  private final NDArray[] target = new NDArray[6];
  private final NDArray[] m = new NDArray[6];
  private final NDArray[] v = new NDArray[6];
  private final QuantileHuberLoss loss;
  private long adamStep;
  private GreedyQuantilePolicy acting;
  private QuantileNetwork targetCopy;

  /** A learner on the named device ("auto", "cpu", "gpu" or "gpu:N"), initialised from {@code init}. */
  public DjlQuantileLearner(
      int inputSize, int numActions, QrDqnSettings settings, NumpyRandom init, String deviceName) {
    this.in = inputSize;
    this.actions = numActions;
    this.nq = settings.numQuantiles();
    this.batch = settings.batchSize();
    this.settings = settings;
    this.loss = new QuantileHuberLoss(nq);
    QuantileLearner reference = new QuantileLearner(inputSize, numActions, settings, init);
    this.shape = reference.onlineNetwork();
    this.device = DjlRuntime.device(deviceName);
    this.manager = NDManager.newBaseManager(device);
    float[][] start = LearnerState.arrays(shape);
    float[][] zeros = zerosLike(start);
    upload(online, start, true);
    upload(target, start, false);
    upload(m, zeros, false);
    upload(v, zeros, false);
    this.acting = new GreedyQuantilePolicy(shape);
    this.targetCopy = shape;
  }

  private static float[][] zerosLike(float[][] a) {
    float[][] z = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      z[i] = new float[a[i].length];
    }
    return z;
  }

  private Shape shapeOf(int t) {
    int h1 = shape.hidden1();
    int h2 = shape.hidden2();
    return switch (t) {
      case 0 -> new Shape(h1, in);
      case 1 -> new Shape(h1);
      case 2 -> new Shape(h2, h1);
      case 3 -> new Shape(h2);
      case 4 -> new Shape((long) actions * nq, h2);
      default -> new Shape((long) actions * nq);
    };
  }

  private void upload(NDArray[] into, float[][] values, boolean grad) {
    for (int t = 0; t < 6; t++) {
      if (into[t] != null) {
        into[t].close();
      }
      into[t] = manager.create(values[t], shapeOf(t));
      if (grad) {
        into[t].setRequiresGradient(true);
      }
    }
  }

  private QuantileNetwork download(NDArray[] from) {
    float[][] a = new float[6][];
    for (int t = 0; t < 6; t++) {
      a[t] = from[t].toFloatArray();
    }
    return LearnerState.network(shape, a);
  }

  private static NDArray forward(NDArray[] p, NDArray x) {
    NDArray h1 = Activation.relu(Linear.linear(x, p[0], p[1]).singletonOrThrow());
    NDArray h2 = Activation.relu(Linear.linear(h1, p[2], p[3]).singletonOrThrow());
    return Linear.linear(h2, p[4], p[5]).singletonOrThrow();
  }

  @Override
  public int act(double[] observation) {
    return acting.act(observation);
  }

  @Override
  public double trainStep(ReplayBuffer buffer, int[] indices) {
    int width = actions * nq;
    float[] x = new float[batch * in];
    float[] xn = new float[batch * in];
    int[] acts = new int[batch];
    float[] obs = buffer.observations();
    float[] next = buffer.nextObservations();
    for (int b = 0; b < batch; b++) {
      System.arraycopy(obs, indices[b] * in, x, b * in, in);
      System.arraycopy(next, indices[b] * in, xn, b * in, in);
      acts[b] = buffer.action(indices[b]);
    }
    // Target: r + (1 − done)·γ·θ⁻(s′, a*), a* the target network's greedy action, in Java from its outputs.
    float[] zt;
    try (NDManager step = manager.newSubManager()) {
      zt = forward(target, step.create(xn, new Shape(batch, in))).toFloatArray();
    }
    float[] targets = new float[batch * nq];
    float gamma = (float) settings.gamma();
    for (int b = 0; b < batch; b++) {
      int aStar = 0;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < actions; a++) {
        double s = 0;
        for (int q = 0; q < nq; q++) {
          s += zt[b * width + q * actions + a];
        }
        if (s > best) {
          best = s;
          aStar = a;
        }
      }
      float r = buffer.reward(indices[b]);
      float discount = (buffer.done(indices[b]) ? 0f : 1f) * gamma;
      for (int q = 0; q < nq; q++) {
        targets[b * nq + q] = r + discount * zt[b * width + q * actions + aStar];
      }
    }
    double total = 0;
    try (NDManager step = manager.newSubManager()) {
      float[] theta = new float[batch * nq];
      float[] g = new float[batch * nq];
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray z = forward(online, step.create(x, new Shape(batch, in)));
        float[] zv = z.toFloatArray();
        for (int b = 0; b < batch; b++) {
          for (int q = 0; q < nq; q++) {
            theta[b * nq + q] = zv[b * width + q * actions + acts[b]];
          }
        }
        for (int b = 0; b < batch; b++) {
          total += loss.sample(theta, b * nq, targets, b * nq, batch, g, b * nq);
        }
        if (!Double.isFinite(total)) {
          return total;
        }
        float[] full = new float[batch * width];
        for (int b = 0; b < batch; b++) {
          for (int q = 0; q < nq; q++) {
            full[b * width + q * actions + acts[b]] = g[b * nq + q];
          }
        }
        collector.backward(z.mul(step.create(full, new Shape(batch, width))).sum());
      }
      adam(step);
    }
    acting = new GreedyQuantilePolicy(download(online));
    return total;
  }

  /** torch.optim.Adam (1.11): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr/bc1 · m / (√v/√bc2 + ε). */
  private void adam(NDManager step) {
    adamStep++;
    double bc1 = 1 - Math.pow(settings.adamBeta1(), adamStep);
    double bc2 = 1 - Math.pow(settings.adamBeta2(), adamStep);
    float stepSize = (float) (settings.learningRate() / bc1);
    float bc2Sqrt = (float) Math.sqrt(bc2);
    float beta1 = (float) settings.adamBeta1();
    float beta2 = (float) settings.adamBeta2();
    for (int t = 0; t < 6; t++) {
      NDArray grad = online[t].getGradient();
      grad.attach(step);
      m[t].muli(beta1).addi(attach(grad.mul((float) (1 - settings.adamBeta1())), step));
      v[t].muli(beta2).addi(attach(attach(grad.mul(grad), step).muli((float) (1 - settings.adamBeta2())), step));
      NDArray denom = attach(v[t].sqrt(), step).divi(bc2Sqrt).addi((float) settings.adamEps());
      online[t].subi(attach(m[t].div(denom), step).muli(stepSize));
      grad.subi(grad);
    }
  }

  private static NDArray attach(NDArray a, NDManager step) {
    a.attach(step);
    return a;
  }

  @Override
  public void syncTarget() {
    for (int t = 0; t < 6; t++) {
      target[t].set(online[t].toFloatArray());
    }
    targetCopy = null;
  }

  @Override
  public boolean weightsFinite() {
    for (NDArray p : online) {
      for (float f : p.toFloatArray()) {
        if (!Float.isFinite(f)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public QuantileNetwork onlineNetwork() {
    return download(online);
  }

  @Override
  public QuantileNetwork targetNetwork() {
    if (targetCopy == null) {
      targetCopy = download(target);
    }
    return targetCopy;
  }

  @Override
  public LearnerState state() {
    return new LearnerState(download(online), download(target), download(m), download(v), adamStep);
  }

  @Override
  public void restore(LearnerState s) {
    for (int t = 0; t < 6; t++) {
      online[t].set(LearnerState.arrays(s.online())[t]);
      target[t].set(LearnerState.arrays(s.target())[t]);
      m[t].set(LearnerState.arrays(s.adamM())[t]);
      v[t].set(LearnerState.arrays(s.adamV())[t]);
    }
    adamStep = s.adamStep();
    acting = new GreedyQuantilePolicy(s.online());
    targetCopy = null;
  }

  @Override
  public String device() {
    return device.toString();
  }

  @Override
  public void close() {
    manager.close();
  }
}
