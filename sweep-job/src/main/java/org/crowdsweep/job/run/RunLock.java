package org.crowdsweep.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One driver per run directory: {@code run.lock} names the holder (host, pid, start). A second driver is refused with
 * that name; a lock left by a driver that died (same host, process gone) is taken over, so a crash never leaves a run
 * directory stuck.
 */
public final class RunLock implements AutoCloseable {
  private final Path file;

  private RunLock(Path file) {
    this.file = file;
  }

  /** Takes the lock of {@code runDir}, or throws naming the holder. */
  public static RunLock acquire(Path runDir) {
    Path file = runDir.resolve("run.lock");
    String host = host();
    String me = host + " pid " + ProcessHandle.current().pid() + " since " + Instant.now();
    try {
      Files.createDirectories(runDir);
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          Files.writeString(file, me, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
          return new RunLock(file);
        } catch (FileAlreadyExistsException e) {
          String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
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
                    + file + " if that driver is gone");
          }
          Files.deleteIfExists(file); // stale: its driver is gone
        }
      }
      throw new IllegalStateException("could not take the lock " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + runDir + ": " + e.getMessage(), e);
    }
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
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
