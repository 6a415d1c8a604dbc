package org.crowdsweep.core.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.crowdsweep.core.agent.TorchPickle.TensorRef;
import org.crowdsweep.core.io.PyJson;

/**
 * Reads an sb3-contrib QR-DQN {@code model.save} in pure Java (model-spec §5).
 *
 * <p>The outer zip holds {@code data} (JSON hyperparameters) and {@code policy.pth}, itself a torch zip whose {@code
 * data.pkl} names the tensors and whose {@code data/<key>} entries are raw little-endian float32 storages. Tensor
 * names, storage keys, offsets and shapes come from the pickle, so nothing about the storage numbering is assumed.
 * Shapes are checked against the MLP layout and {@code n_quantiles}; a wrong shape, a missing entry or a truncated
 * archive is refused with a message naming the file and what is wrong.
 */
public final class Sb3ModelReader {
  private static final String ONLINE = "quantile_net.quantile_net.";
  private static final String TARGET = "quantile_net_target.quantile_net.";

  private Sb3ModelReader() {}

  /** Reads a {@code model.save} file. */
  public static Sb3Model read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("model: no such file " + file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Map<String, Object> data = PyJson.parseObject(new String(entry(zip, "data"), StandardCharsets.UTF_8));
      Map<String, byte[]> pth = InMemoryZip.entries(entry(zip, "policy.pth"), "policy.pth");
      String version = optionalText(zip, "_stable_baselines3_version");
      String info = optionalText(zip, "system_info.txt");
      int quantiles = intValue(data, "n_quantiles");
      Map<String, float[]> tensors = new HashMap<>();
      Map<String, long[]> shapes = new HashMap<>();
      loadTensors(pth, tensors, shapes);
      QuantileNetwork online = network(ONLINE, tensors, shapes, quantiles);
      QuantileNetwork target = network(TARGET, tensors, shapes, quantiles);
      Map<String, Object> plain = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : data.entrySet()) {
        if (!(e.getValue() instanceof Map)) {
          plain.put(e.getKey(), e.getValue());
        }
      }
      return new Sb3Model(online, target, plain, version == null ? null : version.strip(), info);
    } catch (ZipException e) {
      throw new IllegalArgumentException("model " + file + ": not a readable zip archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("model " + file + ": cannot be read (" + e.getMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("model " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] entry(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      throw new IllegalArgumentException("missing archive entry '" + name + "'");
    }
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  private static String optionalText(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void loadTensors(Map<String, byte[]> pth, Map<String, float[]> tensors, Map<String, long[]> shapes) {
    String pklName = null;
    for (String name : pth.keySet()) {
      if (name.endsWith("/data.pkl")) {
        pklName = name;
      }
    }
    if (pklName == null) {
      throw new IllegalArgumentException("policy.pth: missing data.pkl");
    }
    String prefix = pklName.substring(0, pklName.length() - "data.pkl".length());
    Map<String, TensorRef> refs = TorchPickle.readStateDict(pth.get(pklName));
    for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
      TensorRef t = e.getValue();
      if (!t.storage().dtype().equals("FloatStorage")) {
        throw new IllegalArgumentException(
            "policy.pth: tensor " + e.getKey() + " must be float32, found " + t.storage().dtype());
      }
      byte[] storage = pth.get(prefix + "data/" + t.storage().key());
      if (storage == null) {
        throw new IllegalArgumentException(
            "policy.pth: missing storage data/" + t.storage().key() + " of tensor " + e.getKey());
      }
      long numel = 1;
      for (long s : t.size()) {
        numel *= s;
      }
      checkContiguous(e.getKey(), t);
      long needed = (t.offset() + numel) * 4;
      if (storage.length < needed) {
        throw new IllegalArgumentException(
            "policy.pth: storage data/"
                + t.storage().key()
                + " of tensor "
                + e.getKey()
                + " is truncated: needs "
                + needed
                + " bytes, found "
                + storage.length);
      }
      float[] values = new float[(int) numel];
      ByteBuffer.wrap(storage, (int) (t.offset() * 4), (int) (numel * 4))
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(values);
      tensors.put(e.getKey(), values);
      shapes.put(e.getKey(), t.size());
    }
  }

  private static void checkContiguous(String name, TensorRef t) {
    long expected = 1;
    for (int i = t.size().length - 1; i >= 0; i--) {
      if (t.size()[i] != 1 && t.stride()[i] != expected) {
        throw new IllegalArgumentException("policy.pth: tensor " + name + " is not contiguous");
      }
      expected *= t.size()[i];
    }
  }

  private static QuantileNetwork network(
      String prefix, Map<String, float[]> tensors, Map<String, long[]> shapes, int quantiles) {
    long[] s0 = shape(prefix + "0.weight", shapes, 2);
    long[] s2 = shape(prefix + "2.weight", shapes, 2);
    long[] s4 = shape(prefix + "4.weight", shapes, 2);
    int h1 = (int) s0[0];
    int in = (int) s0[1];
    int h2 = (int) s2[0];
    expectShape(prefix + "0.bias", shapes, h1);
    expectShape(prefix + "2.weight", shapes, h2, h1);
    expectShape(prefix + "2.bias", shapes, h2);
    if ((in - 4) % 5 != 0 || in < 9) {
      throw new IllegalArgumentException(
          "policy.pth: " + prefix + "0.weight must have 5K+4 inputs (K >= 1), found " + in);
    }
    int actions = 3 + (in - 4) / 5;
    expectShape(prefix + "4.weight", shapes, (long) actions * quantiles, h2);
    expectShape(prefix + "4.bias", shapes, (long) actions * quantiles);
    if (s4[1] != h2) {
      throw new IllegalArgumentException("policy.pth: " + prefix + "4.weight has the wrong input width");
    }
    return new QuantileNetwork(
        in,
        h1,
        h2,
        actions,
        quantiles,
        tensors.get(prefix + "0.weight"),
        tensors.get(prefix + "0.bias"),
        tensors.get(prefix + "2.weight"),
        tensors.get(prefix + "2.bias"),
        tensors.get(prefix + "4.weight"),
        tensors.get(prefix + "4.bias"));
  }

  private static long[] shape(String name, Map<String, long[]> shapes, int dims) {
    long[] s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("policy.pth: missing tensor " + name);
    }
    if (s.length != dims) {
      throw new IllegalArgumentException(
          "policy.pth: tensor " + name + " must have " + dims + " dimensions, found " + s.length);
    }
    return s;
  }

  private static void expectShape(String name, Map<String, long[]> shapes, long... expected) {
    long[] s = shape(name, shapes, expected.length);
    if (!java.util.Arrays.equals(s, expected)) {
      throw new IllegalArgumentException(
          "policy.pth: tensor "
              + name
              + " must have shape "
              + java.util.Arrays.toString(expected)
              + ", found "
              + java.util.Arrays.toString(s));
    }
  }

  private static int intValue(Map<String, Object> data, String key) {
    Object v = data.get(key);
    if (!(v instanceof Long l)) {
      throw new IllegalArgumentException("data: " + key + " must be an integer, found " + v);
    }
    return Math.toIntExact(l);
  }
}
