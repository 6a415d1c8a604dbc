package org.crowdsweep.job.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** What made an artefact: project version and commit, Java, OS. Sorted-key JSON makes two of them diffable. */
final class Provenance {
  private Provenance() {}

  static Map<String, Object> base() {
    Map<String, Object> p = new LinkedHashMap<>();
    Properties build = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/crowdsweep-build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      // Leave the version unknown.
    }
    p.put("project_version", build.getProperty("version", "unknown"));
    p.put("commit", commit());
    p.put("java_version", System.getProperty("java.version"));
    p.put("java_vendor", System.getProperty("java.vendor"));
    p.put("os_name", System.getProperty("os.name"));
    p.put("os_arch", System.getProperty("os.arch"));
    p.put("available_processors", (long) Runtime.getRuntime().availableProcessors());
    return p;
  }

  /** The commit of the working directory's checkout (git rev-parse HEAD), or "unknown". */
  static String commit() {
    String env = System.getenv("CROWDSWEEP_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        String dirty = "";
        Process s = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
        String status = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (s.waitFor(5, TimeUnit.SECONDS) && !status.isEmpty()) {
          dirty = "-dirty";
        }
        return out + dirty;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }
}
