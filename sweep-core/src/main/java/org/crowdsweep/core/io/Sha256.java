package org.crowdsweep.core.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the project's one stable hash: seeds, point ids, training keys, checksums. */
public final class Sha256 {
  private Sha256() {}

  /** The digest of some bytes. */
  public static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The digest of a text's UTF-8 bytes. */
  public static byte[] digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The full digest in hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** The full digest of a text in hex. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(digest(text));
  }

  /** The first 8 bytes of a text's digest in hex (16 digits). */
  public static String shortHex(String text) {
    return HexFormat.of().formatHex(digest(text), 0, 8);
  }
}
