package org.crowdsweep.core.training;

import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.rng.NumpyRandom;

/**
 * The online and target quantile networks of QR-DQN with their gradient step, in plain Java float32.
 *
 * <p>Network {@code in → h1 → ReLU → h2 → ReLU → A·N}. Layouts are chosen for the work each step does: the hidden
 * layers are stored transposed ([in][out]) so that forward and backward passes are vectorisable axpy loops; the
 * output layer is grouped by action ([A][N][h2]) because a step needs only the N outputs of one action per sample —
 * the taken action online, the target network's greedy action a* — which cuts the output layer's work by a factor
 * A. The greedy action of either network uses the mean over quantiles, which commutes with the output layer: each
 * network keeps its A × h2 matrix of mean output weights, refreshed after every optimiser step (online) or target copy
 * (target).
 *
 * <p>The gradient of the quantile Huber loss comes from {@link QuantileHuberLoss}; backpropagation through the MLP is
 * written out by hand; the optimiser is {@code torch.optim.Adam} (ε added to the bias-corrected √v̂; torch 1.11's
 * update order, in float32). Weights start as PyTorch's default {@code nn.Linear} initialisation, U(−1/√fan_in,
 * 1/√fan_in) for weights and biases, drawn from the injected generator. Everything is single-threaded and
 * deterministic. Not thread-safe.
 */
public final class QuantileLearner implements Learner {
  private final int in;
  private final int h1n;
  private final int h2n;
  private final int actions;
  private final int nq;
  private final int batch;
  private final QrDqnSettings settings;

  /** All parameters in one array per role: online, target, Adam m, Adam v, gradient. */
  private final Params online;
  private final Params target;
  private final Params m;
  private final Params v;
  private final Params grad;
  private final double[] onlineMeanW;
  private final double[] onlineMeanB;
  private final double[] targetMeanW;
  private final double[] targetMeanB;
  /** The target network's output weights as [A][h2][N], so its quantiles are computed as axpy loops over N. */
  private final float[] targetW4ByInput;
  private long adamStep;

  private final QuantileHuberLoss loss;
  private final Simd.Kernels kernels = Simd.newKernels();
  // Per-batch scratch.
  private final float[] x;
  private final float[] h1;
  private final float[] h2;
  private final float[] theta;
  private final float[] targets;
  private final float[] g;
  private final float[] xn;
  private final float[] h1n_;
  private final float[] h2n_;
  private final float[] dh2;
  private final float[] dh1;
  private final int[] batchActions;
  private final int[] groupStart;
  private final int[] groupFill;
  private final int[] groupOrder;
  private final float[] dh2All;
  // Acting scratch.
  private final float[] ax;
  private final float[] ah1;
  private final float[] ah2;

  /** Parameter arrays of one network-shaped quantity (weights, moments or gradients). */
  static final class Params {
    final float[] w0t; // [in][h1]
    final float[] b0; // [h1]
    final float[] w2t; // [h1][h2]
    final float[] b2; // [h2]
    final float[] w4; // [A][N][h2]
    final float[] b4; // [A][N]

    Params(int in, int h1, int h2, int actions, int nq) {
      w0t = new float[in * h1];
      b0 = new float[h1];
      w2t = new float[h1 * h2];
      b2 = new float[h2];
      w4 = new float[actions * nq * h2];
      b4 = new float[actions * nq];
    }

    float[][] all() {
      return new float[][] {w0t, b0, w2t, b2, w4, b4};
    }

    void copyFrom(Params o) {
      float[][] src = o.all();
      float[][] dst = all();
      for (int i = 0; i < src.length; i++) {
        System.arraycopy(src[i], 0, dst[i], 0, src[i].length);
      }
    }
  }

  /** A learner with freshly initialised networks (the target a copy of the online network). */
  public QuantileLearner(int inputSize, int numActions, QrDqnSettings settings, NumpyRandom init) {
    this(inputSize, numActions, settings, init, QuantileHuberLoss.Method.SORTED);
  }

  /** A learner whose loss gradient is computed with the given method. */
  public QuantileLearner(
      int inputSize, int numActions, QrDqnSettings settings, NumpyRandom init, QuantileHuberLoss.Method method) {
    this.in = inputSize;
    this.h1n = settings.hidden1();
    this.h2n = settings.hidden2();
    this.actions = numActions;
    this.nq = settings.numQuantiles();
    this.batch = settings.batchSize();
    this.settings = settings;
    this.online = new Params(in, h1n, h2n, actions, nq);
    this.target = new Params(in, h1n, h2n, actions, nq);
    this.m = new Params(in, h1n, h2n, actions, nq);
    this.v = new Params(in, h1n, h2n, actions, nq);
    this.grad = new Params(in, h1n, h2n, actions, nq);
    this.onlineMeanW = new double[actions * h2n];
    this.onlineMeanB = new double[actions];
    this.targetMeanW = new double[actions * h2n];
    this.targetMeanB = new double[actions];
    this.targetW4ByInput = new float[actions * nq * h2n];
    this.loss = new QuantileHuberLoss(nq, method);
    this.x = new float[batch * in];
    this.h1 = new float[batch * h1n];
    this.h2 = new float[batch * h2n];
    this.theta = new float[batch * nq];
    this.targets = new float[batch * nq];
    this.g = new float[batch * nq];
    this.xn = new float[in];
    this.h1n_ = new float[h1n];
    this.h2n_ = new float[h2n];
    this.dh2 = new float[h2n];
    this.dh1 = new float[h1n];
    this.batchActions = new int[batch];
    this.groupStart = new int[numActions + 1];
    this.groupFill = new int[numActions + 1];
    this.groupOrder = new int[batch];
    this.dh2All = new float[batch * settings.hidden2()];
    this.ax = new float[in];
    this.ah1 = new float[h1n];
    this.ah2 = new float[h2n];
    initialise(init);
    syncTarget();
    refreshMean(online, onlineMeanW, onlineMeanB);
  }

  private void initialise(NumpyRandom rng) {
    // torch order: layer 0 weight [h1][in] row-major, bias; layer 2; layer 4 weight [(q·A + a)][h2], bias.
    double bound0 = 1 / Math.sqrt(in);
    for (int j = 0; j < h1n; j++) {
      for (int i = 0; i < in; i++) {
        online.w0t[i * h1n + j] = uniform(rng, bound0);
      }
    }
    for (int j = 0; j < h1n; j++) {
      online.b0[j] = uniform(rng, bound0);
    }
    double bound2 = 1 / Math.sqrt(h1n);
    for (int j = 0; j < h2n; j++) {
      for (int i = 0; i < h1n; i++) {
        online.w2t[i * h2n + j] = uniform(rng, bound2);
      }
    }
    for (int j = 0; j < h2n; j++) {
      online.b2[j] = uniform(rng, bound2);
    }
    double bound4 = 1 / Math.sqrt(h2n);
    for (int row = 0; row < nq * actions; row++) {
      int q = row / actions;
      int a = row % actions;
      for (int i = 0; i < h2n; i++) {
        online.w4[(a * nq + q) * h2n + i] = uniform(rng, bound4);
      }
    }
    for (int row = 0; row < nq * actions; row++) {
      online.b4[(row % actions) * nq + row / actions] = uniform(rng, bound4);
    }
  }

  private static float uniform(NumpyRandom rng, double bound) {
    return (float) ((rng.random() * 2 - 1) * bound);
  }

  private void refreshMean(Params p, double[] meanW, double[] meanB) {
    java.util.Arrays.fill(meanW, 0);
    for (int a = 0; a < actions; a++) {
      double b = 0;
      for (int q = 0; q < nq; q++) {
        b += p.b4[a * nq + q];
        int row = (a * nq + q) * h2n;
        for (int i = 0; i < h2n; i++) {
          meanW[a * h2n + i] += p.w4[row + i];
        }
      }
      meanB[a] = b / nq;
      for (int i = 0; i < h2n; i++) {
        meanW[a * h2n + i] /= nq;
      }
    }
  }

  /** Hidden layers of one observation: out1 = ReLU(W0 x + b0), out2 = ReLU(W2 out1 + b2). */
  private void hidden(Params p, float[] xs, int xOff, float[] out1, int o1, float[] out2, int o2) {
    System.arraycopy(p.b0, 0, out1, o1, h1n);
    for (int i = 0; i < in; i++) {
      float xi = xs[xOff + i];
      if (xi == 0f) {
        continue;
      }
      kernels.axpy(xi, p.w0t, i * h1n, out1, o1, h1n);
    }
    for (int j = 0; j < h1n; j++) {
      if (out1[o1 + j] < 0f) {
        out1[o1 + j] = 0f;
      }
    }
    System.arraycopy(p.b2, 0, out2, o2, h2n);
    for (int i = 0; i < h1n; i++) {
      float hi = out1[o1 + i];
      if (hi == 0f) {
        continue;
      }
      kernels.axpy(hi, p.w2t, i * h2n, out2, o2, h2n);
    }
    for (int j = 0; j < h2n; j++) {
      if (out2[o2 + j] < 0f) {
        out2[o2 + j] = 0f;
      }
    }
  }

  private int greedy(double[] meanW, double[] meanB, float[] hidden2, int off) {
    int best = 0;
    double bestQ = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) {
      double s = meanB[a];
      int row = a * h2n;
      for (int i = 0; i < h2n; i++) {
        s += meanW[row + i] * hidden2[off + i];
      }
      if (s > bestQ) {
        bestQ = s;
        best = a;
      }
    }
    return best;
  }

  /** The target network's N quantiles of action a, as axpy loops over the [A][h2][N] copy of its weights. */
  private void targetQuantiles(int a, float[] hidden2, float[] out, int oOff) {
    System.arraycopy(target.b4, a * nq, out, oOff, nq);
    for (int i = 0; i < h2n; i++) {
      float hi = hidden2[i];
      if (hi == 0f) {
        continue;
      }
      kernels.axpy(hi, targetW4ByInput, (a * h2n + i) * nq, out, oOff, nq);
    }
  }

  /** The online network's greedy action (mean over quantiles, first maximum on ties). */
  @Override
  public int act(double[] observation) {
    for (int i = 0; i < in; i++) {
      ax[i] = (float) observation[i];
    }
    hidden(online, ax, 0, ah1, 0, ah2, 0);
    return greedy(onlineMeanW, onlineMeanB, ah2, 0);
  }

  private double forwardLoss(ReplayBuffer buffer, int[] indices) {
    float[] obs = buffer.observations();
    float[] next = buffer.nextObservations();
    float gamma = (float) settings.gamma();
    for (int b = 0; b < batch; b++) {
      int idx = indices[b];
      // Target: r + (1 − done)·γ·θ⁻(s′, a*), a* the target network's greedy action.
      System.arraycopy(next, idx * in, xn, 0, in);
      hidden(target, xn, 0, h1n_, 0, h2n_, 0);
      int aStar = greedy(targetMeanW, targetMeanB, h2n_, 0);
      targetQuantiles(aStar, h2n_, targets, b * nq);
      float r = buffer.reward(idx);
      float notDone = buffer.done(idx) ? 0f : 1f;
      float discount = notDone * gamma;
      for (int q = 0; q < nq; q++) {
        targets[b * nq + q] = r + discount * targets[b * nq + q];
      }
      // Online: θ(s, a).
      System.arraycopy(obs, idx * in, x, b * in, in);
      hidden(online, x, b * in, h1, b * h1n, h2, b * h2n);
      batchActions[b] = buffer.action(idx);
    }
    groupByAction();
    onlineQuantiles();
    double total = 0;
    for (int b = 0; b < batch; b++) {
      total += loss.sample(theta, b * nq, targets, b * nq, batch, g, b * nq);
    }
    return total;
  }

  /**
   * One gradient step on the transitions at {@code indices}: QR-DQN target from the target network's greedy action,
   * the quantile Huber loss, backpropagation and Adam. Returns the loss; a non-finite loss changes nothing.
   */
  @Override
  public double trainStep(ReplayBuffer buffer, int[] indices) {
    double total = forwardLoss(buffer, indices);
    if (!Double.isFinite(total)) {
      return total;
    }
    backward();
    adam();
    refreshMean(online, onlineMeanW, onlineMeanB);
    return total;
  }

  /** The loss and its gradient (left in the gradient buffers, not applied), for tests. */
  double lossAndGradient(ReplayBuffer buffer, int[] indices) {
    double total = forwardLoss(buffer, indices);
    backward();
    return total;
  }

  /** The loss only (no gradient), for tests. */
  double lossOnly(ReplayBuffer buffer, int[] indices) {
    return forwardLoss(buffer, indices);
  }

  /** The online parameters and their gradients, as [w0t, b0, w2t, b2, w4, b4], for tests. */
  float[][] onlineArrays() {
    return online.all();
  }

  float[][] gradientArrays() {
    return grad.all();
  }

  /** Orders the batch positions by action (stably), so that each output row is used by a group at once. */
  private void groupByAction() {
    java.util.Arrays.fill(groupStart, 0);
    for (int b = 0; b < batch; b++) {
      groupStart[batchActions[b] + 1]++;
    }
    for (int a = 0; a < actions; a++) {
      groupStart[a + 1] += groupStart[a];
    }
    int[] fill = groupFill;
    System.arraycopy(groupStart, 0, fill, 0, actions);
    for (int b = 0; b < batch; b++) {
      groupOrder[fill[batchActions[b]]++] = b;
    }
  }

  /** θ(s, a) for the whole batch, one output row at a time for all samples of its action (the row stays cached). */
  private void onlineQuantiles() {
    float[] w4 = online.w4;
    for (int a = 0; a < actions; a++) {
      int from = groupStart[a];
      int to = groupStart[a + 1];
      if (from == to) {
        continue;
      }
      for (int q = 0; q < nq; q++) {
        int row = (a * nq + q) * h2n;
        float bias = online.b4[a * nq + q];
        for (int k = from; k < to; k++) {
          int b = groupOrder[k];
          theta[b * nq + q] = bias + kernels.dot(w4, row, h2, b * h2n, h2n);
        }
      }
    }
  }

  private void backward() {
    // Output layer, grouped by action: each row of W4 and of its gradient is touched once per group.
    java.util.Arrays.fill(dh2All, 0f);
    float[] gw4 = grad.w4;
    float[] w4 = online.w4;
    for (int a = 0; a < actions; a++) {
      int from = groupStart[a];
      int to = groupStart[a + 1];
      for (int q = 0; q < nq && from < to; q++) {
        int row = (a * nq + q) * h2n;
        for (int k = from; k < to; k++) {
          int b = groupOrder[k];
          float gq = g[b * nq + q];
          if (gq == 0f) {
            continue;
          }
          grad.b4[a * nq + q] += gq;
          int hOff = b * h2n;
          kernels.axpy(gq, h2, hOff, gw4, row, h2n);
          kernels.axpy(gq, w4, row, dh2All, hOff, h2n);
        }
      }
    }
    for (int b = 0; b < batch; b++) {
      int hOff = b * h2n;
      System.arraycopy(dh2All, hOff, dh2, 0, h2n);
      for (int j = 0; j < h2n; j++) {
        if (h2[hOff + j] <= 0f) {
          dh2[j] = 0f;
        }
        grad.b2[j] += dh2[j];
      }
      int h1Off = b * h1n;
      for (int i = 0; i < h1n; i++) {
        float hi = h1[h1Off + i];
        int row = i * h2n;
        kernels.axpy(hi, dh2, 0, grad.w2t, row, h2n);
        float s = kernels.dot(online.w2t, row, dh2, 0, h2n);
        dh1[i] = hi > 0f ? s : 0f;
        grad.b0[i] += dh1[i];
      }
      int xOff = b * in;
      for (int k = 0; k < in; k++) {
        float xk = x[xOff + k];
        if (xk == 0f) {
          continue;
        }
        kernels.axpy(xk, dh1, 0, grad.w0t, k * h1n, h1n);
      }
    }
  }

  private void adam() {
    adamStep++;
    float beta1 = (float) settings.adamBeta1();
    float beta2 = (float) settings.adamBeta2();
    float oneMinusBeta1 = (float) (1 - settings.adamBeta1());
    float oneMinusBeta2 = (float) (1 - settings.adamBeta2());
    double biasCorrection1 = 1 - Math.pow(settings.adamBeta1(), adamStep);
    double biasCorrection2 = 1 - Math.pow(settings.adamBeta2(), adamStep);
    float stepSize = (float) (settings.learningRate() / biasCorrection1);
    float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
    float eps = (float) settings.adamEps();
    float[][] p = online.all();
    float[][] gs = grad.all();
    float[][] ms = m.all();
    float[][] vs = v.all();
    for (int t = 0; t < p.length; t++) {
      float[] pt = p[t];
      float[] gt = gs[t];
      float[] mt = ms[t];
      float[] vt = vs[t];
      for (int i = 0; i < pt.length; i++) {
        float gi = gt[i];
        mt[i] = mt[i] * beta1 + gi * oneMinusBeta1;
        vt[i] = vt[i] * beta2 + gi * gi * oneMinusBeta2;
        float denom = (float) Math.sqrt(vt[i]) / bc2Sqrt + eps;
        pt[i] = pt[i] - stepSize * (mt[i] / denom);
        gt[i] = 0f;
      }
    }
  }

  /** Copies the online network into the target network (sb3's hard update, τ = 1). */
  @Override
  public void syncTarget() {
    target.copyFrom(online);
    refreshTargetCaches();
  }

  /** Recomputes what is derived from the target weights: mean output weights and the [A][h2][N] copy. */
  private void refreshTargetCaches() {
    refreshMean(target, targetMeanW, targetMeanB);
    for (int a = 0; a < actions; a++) {
      for (int q = 0; q < nq; q++) {
        int src = (a * nq + q) * h2n;
        for (int i = 0; i < h2n; i++) {
          targetW4ByInput[(a * h2n + i) * nq + q] = target.w4[src + i];
        }
      }
    }
  }

  /** Whether every online weight is finite. */
  @Override
  public boolean weightsFinite() {
    for (float[] a : online.all()) {
      for (float f : a) {
        if (!Float.isFinite(f)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The Adam step count. */
  public long adamStep() {
    return adamStep;
  }

  /** The online network in torch's layout. */
  @Override
  public QuantileNetwork onlineNetwork() {
    return export(online);
  }

  /** The target network in torch's layout. */
  @Override
  public QuantileNetwork targetNetwork() {
    return export(target);
  }

  private QuantileNetwork export(Params p) {
    float[] w0 = new float[h1n * in];
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < h1n; j++) {
        w0[j * in + i] = p.w0t[i * h1n + j];
      }
    }
    float[] w2 = new float[h2n * h1n];
    for (int i = 0; i < h1n; i++) {
      for (int j = 0; j < h2n; j++) {
        w2[j * h1n + i] = p.w2t[i * h2n + j];
      }
    }
    float[] w4 = new float[actions * nq * h2n];
    float[] b4 = new float[actions * nq];
    for (int a = 0; a < actions; a++) {
      for (int q = 0; q < nq; q++) {
        int row = q * actions + a;
        System.arraycopy(p.w4, (a * nq + q) * h2n, w4, row * h2n, h2n);
        b4[row] = p.b4[a * nq + q];
      }
    }
    return new QuantileNetwork(in, h1n, h2n, actions, nq, w0, p.b0.clone(), w2, p.b2.clone(), w4, b4);
  }

  @Override
  public LearnerState state() {
    return new LearnerState(export(online), export(target), export(m), export(v), adamStep);
  }

  @Override
  public void restore(LearnerState s) {
    load(s.online(), online);
    load(s.target(), target);
    load(s.adamM(), m);
    load(s.adamV(), v);
    adamStep = s.adamStep();
    refreshMean(online, onlineMeanW, onlineMeanB);
    refreshTargetCaches();
  }

  @Override
  public String device() {
    return "cpu";
  }

  /** Fills parameter arrays from a network in torch's layout (the inverse of {@link #export}). */
  private void load(QuantileNetwork n, Params p) {
    if (n.inputSize() != in || n.hidden1() != h1n || n.hidden2() != h2n || n.numActions() != actions
        || n.numQuantiles() != nq) {
      throw new IllegalArgumentException("learner state: network shape does not match the learner");
    }
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < h1n; j++) {
        p.w0t[i * h1n + j] = n.w0()[j * in + i];
      }
    }
    System.arraycopy(n.b0(), 0, p.b0, 0, h1n);
    for (int i = 0; i < h1n; i++) {
      for (int j = 0; j < h2n; j++) {
        p.w2t[i * h2n + j] = n.w2()[j * h1n + i];
      }
    }
    System.arraycopy(n.b2(), 0, p.b2, 0, h2n);
    for (int a = 0; a < actions; a++) {
      for (int q = 0; q < nq; q++) {
        int row = q * actions + a;
        System.arraycopy(n.w4(), row * h2n, p.w4, (a * nq + q) * h2n, h2n);
        p.b4[a * nq + q] = n.b4()[row];
      }
    }
  }


}
