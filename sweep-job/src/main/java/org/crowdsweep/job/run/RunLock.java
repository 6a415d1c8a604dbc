package org.crowdsweep.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;

/**
 * One driver per run directory: {@code run.lock} names the holder (host, pid, start). A second driver is refused with
 * that name; a lock left by a driver that died (same host, process gone) is taken over, so a crash never leaves a run
 * directory stuck. On a Hadoop FileSystem the lock is created with {@code overwrite=false}, which HDFS makes atomic.
 */
public final class RunLock implements AutoCloseable {
  static final String FILE = "run.lock";
  private final Storage runDir;

  private RunLock(Storage runDir) {
    this.runDir = runDir;
  }

  /** Takes the lock of a local run directory, or throws naming the holder. */
  public static RunLock acquire(java.nio.file.Path runDir) {
    return acquire(Storage.of(runDir.toAbsolutePath().toString()));
  }

  /** Takes the lock of {@code runDir}, or throws naming the holder. */
  public static RunLock acquire(Storage runDir) {
    String host = host();
    String me = host + " pid " + ProcessHandle.current().pid() + " since " + Instant.now();
    for (int attempt = 0; attempt < 2; attempt++) {
      if (runDir.createNew(FILE, me)) {
        return new RunLock(runDir);
      }
      String holder;
      try {
        holder = runDir.readString(FILE).strip();
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // released meanwhile
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + runDir.resolve(FILE) + ": " + e.getMessage(), e);
      }
      String[] parts = holder.split(" ");
      boolean sameHost = parts.length > 2 && parts[0].equals(host);
      boolean alive = true;
      if (sameHost) {
        try {
          alive = ProcessHandle.of(Long.parseLong(parts[2])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException nfe) {
          alive = false;
        }
      }
      if (alive) {
        throw new IllegalStateException(
            "run directory " + runDir + " is in use by another driver (" + holder + "); wait for it, or remove "
                + runDir.resolve(FILE) + " if that driver is gone");
      }
      runDir.delete(FILE); // stale: its driver is gone
    }
    throw new IllegalStateException("could not take the lock " + runDir.resolve(FILE));
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  @Override
  public void close() {
    runDir.delete(FILE);
  }
}
