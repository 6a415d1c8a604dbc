package org.crowdsweep.core.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.crowdsweep.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the published sb3-contrib QR-DQN files, and refusing damaged ones with clear messages. */
final class Sb3ModelReaderTest {

  @TempDir Path tmp;

  @Test
  void publishedModel_hasPaperShapesAndHyperparameters() {
    Sb3Model m = Reference.qa01();
    QuantileNetwork net = m.online();
    assertEquals(29, net.inputSize());
    assertEquals(64, net.hidden1());
    assertEquals(64, net.hidden2());
    assertEquals(8, net.numActions());
    assertEquals(200, net.numQuantiles());
    assertEquals(5, net.numTaskGivers());
    assertEquals(200L, m.hyperparameters().get("n_quantiles"));
    assertEquals(0.99, m.hyperparameters().get("gamma"));
    assertEquals(5e-05, m.hyperparameters().get("learning_rate"));
    assertEquals(10000000L, m.hyperparameters().get("num_timesteps"));
    assertEquals("1.4.0", m.sb3Version());
    assertTrue(m.systemInfo().contains("PyTorch: 1.11.0"));
  }

  @Test
  void bothPublishedModels_load() {
    Sb3Model qa0 = Sb3ModelReader.read(Reference.dir(Reference.QA_0).resolve("model.save"));
    assertEquals(8, qa0.target().numActions());
    assertTrue(!Arrays.equals(qa0.online().w4(), Reference.qa01().online().w4()));
  }

  private Path rewrite(UnaryOperator<Map<String, byte[]>> outer, UnaryOperator<Map<String, byte[]>> inner)
      throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(Reference.dir(Reference.QA_01).resolve("model.save").toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    Map<String, byte[]> pth = inner.apply(InMemoryZip.entries(entries.get("policy.pth"), "policy.pth"));
    entries.put("policy.pth", zip(pth));
    Path out = tmp.resolve("model.save");
    try (OutputStream os = Files.newOutputStream(out)) {
      os.write(zip(outer.apply(entries)));
    }
    return out;
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zos = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zos.putNextEntry(new ZipEntry(e.getKey()));
        zos.write(e.getValue());
        zos.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String error(Path file) {
    return assertThrows(IllegalArgumentException.class, () -> Sb3ModelReader.read(file)).getMessage();
  }

  @Test
  void rewrittenArchive_stillLoadsIdentically() throws IOException {
    Path file = rewrite(m -> m, m -> m);
    assertTrue(Arrays.equals(Reference.qa01().online().w0(), Sb3ModelReader.read(file).online().w0()));
  }

  @Test
  void truncatedStorage_isRefusedNamingTensor() throws IOException {
    Path file =
        rewrite(
            m -> m,
            m -> {
              m.put("archive/data/4", Arrays.copyOf(m.get("archive/data/4"), 1000));
              return m;
            });
    assertEquals(
        "model " + file + ": policy.pth: storage data/4 of tensor quantile_net.quantile_net.4.weight is truncated:"
            + " needs 409600 bytes, found 1000",
        error(file));
  }

  @Test
  void wrongQuantileCount_isRefusedWithShapes() throws IOException {
    Path file =
        rewrite(
            m -> {
              String data = new String(m.get("data"), java.nio.charset.StandardCharsets.UTF_8);
              m.put("data", data.replace("\"n_quantiles\": 200", "\"n_quantiles\": 100").getBytes());
              return m;
            },
            m -> m);
    assertEquals(
        "model " + file + ": policy.pth: tensor quantile_net.quantile_net.4.weight must have shape [800, 64],"
            + " found [1600, 64]",
        error(file));
  }

  @Test
  void missingPolicy_isRefused() throws IOException {
    Path file =
        rewrite(
            m -> {
              m.remove("policy.pth");
              return m;
            },
            m -> m);
    assertEquals("model " + file + ": missing archive entry 'policy.pth'", error(file));
  }

  @Test
  void corruptZip_isRefused() throws IOException {
    Path file = tmp.resolve("corrupt.save");
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertTrue(error(file).startsWith("model " + file + ": not a readable zip archive ("), error(file));
  }

  @Test
  void truncatedFile_isRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(Reference.dir(Reference.QA_01).resolve("model.save"));
    Path file = tmp.resolve("truncated.save");
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(error(file).startsWith("model " + file + ": not a readable zip archive ("), error(file));
  }

  @Test
  void missingFile_isRefused() {
    Path file = tmp.resolve("nope.save");
    assertEquals("model: no such file " + file, error(file));
  }
}
