package org.crowdsweep.core.training;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine the only safe way here: offline (otherwise its start probes a cloud metadata address
 * over the network), one intra-op and one inter-op thread (parallelism comes from tasks), natives from the Maven
 * artifact. Properties already set by the caller win.
 */
public final class DjlRuntime {
  private DjlRuntime() {}

  /** The PyTorch engine, started with the project's properties. */
  public static synchronized Engine engine() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    try {
      return Engine.getEngine("PyTorch");
    } catch (ai.djl.engine.EngineException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "DJL's PyTorch engine cannot start here (" + rootMessage(e) + "); the PyTorch natives must be on the"
              + " classpath (ai.djl.pytorch:pytorch-native-cpu or a CUDA flavour, e.g. with --jars on a cluster)", e);
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * The device for a name: {@code auto} (the first GPU if there is one, else the CPU), {@code cpu}, {@code gpu} (the
   * first GPU) or {@code gpu:N}; a GPU that is not there is refused.
   */
  public static Device device(String name) {
    Engine engine = engine();
    int gpus = engine.getGpuCount();
    if (name.equals("auto")) {
      return gpus > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (name.equals("cpu")) {
      return Device.cpu();
    }
    int index;
    if (name.equals("gpu")) {
      index = 0;
    } else if (name.matches("gpu:\\d+")) {
      index = Integer.parseInt(name.substring(4));
    } else {
      throw new IllegalArgumentException("device: must be auto, cpu, gpu or gpu:N, found " + name);
    }
    if (index >= gpus) {
      throw new IllegalArgumentException(
          "device: " + name + " is not available (" + gpus + " GPU(s) visible to PyTorch " + engine.getVersion() + ")");
    }
    return Device.gpu(index);
  }
}
