package org.crowdsweep.core.agent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the entries of a zip archive held in memory through its central directory.
 *
 * <p>Torch's archives store entries uncompressed with data descriptors, which {@link java.util.zip.ZipInputStream}
 * refuses; the central directory has the sizes, so it is read instead. Stored and deflated entries are supported.
 */
final class InMemoryZip {
  private static final int EOCD = 0x06054b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;

  private InMemoryZip() {}

  /** All entries, name → bytes, in central-directory order. */
  static Map<String, byte[]> entries(byte[] zip, String what) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = -1;
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
      if (b.getInt(i) == EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new IllegalArgumentException(what + ": not a readable zip archive (no end of central directory)");
    }
    int count = b.getShort(eocd + 10) & 0xffff;
    long cdOffset = b.getInt(eocd + 16) & 0xffffffffL;
    Map<String, byte[]> out = new LinkedHashMap<>();
    long p = cdOffset;
    try {
      for (int n = 0; n < count; n++) {
        int at = Math.toIntExact(p);
        if (b.getInt(at) != CENTRAL) {
          throw new IllegalArgumentException(what + ": corrupt central directory");
        }
        int method = b.getShort(at + 10) & 0xffff;
        long compressed = b.getInt(at + 20) & 0xffffffffL;
        long size = b.getInt(at + 24) & 0xffffffffL;
        int nameLen = b.getShort(at + 28) & 0xffff;
        int extraLen = b.getShort(at + 30) & 0xffff;
        int commentLen = b.getShort(at + 32) & 0xffff;
        long localOffset = b.getInt(at + 42) & 0xffffffffL;
        String name = new String(zip, at + 46, nameLen, StandardCharsets.UTF_8);
        int local = Math.toIntExact(localOffset);
        if (b.getInt(local) != LOCAL) {
          throw new IllegalArgumentException(what + ": corrupt local header of entry " + name);
        }
        int dataStart =
            local + 30 + (b.getShort(local + 26) & 0xffff) + (b.getShort(local + 28) & 0xffff);
        if (dataStart + compressed > zip.length) {
          throw new IllegalArgumentException(what + ": entry " + name + " is truncated");
        }
        out.put(name, data(zip, dataStart, (int) compressed, (int) size, method, what, name));
        p = at + 46L + nameLen + extraLen + commentLen;
      }
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new IllegalArgumentException(what + ": not a readable zip archive (truncated)", e);
    }
    return out;
  }

  private static byte[] data(byte[] zip, int start, int compressed, int size, int method, String what, String name) {
    if (method == 0) {
      byte[] d = new byte[compressed];
      System.arraycopy(zip, start, d, 0, compressed);
      return d;
    }
    if (method == 8) {
      Inflater inflater = new Inflater(true);
      try {
        inflater.setInput(zip, start, compressed);
        byte[] d = new byte[size];
        int got = inflater.inflate(d);
        if (got != size) {
          throw new IllegalArgumentException(what + ": entry " + name + " is truncated");
        }
        return d;
      } catch (DataFormatException e) {
        throw new IllegalArgumentException(what + ": entry " + name + " is corrupt (" + e.getMessage() + ")", e);
      } finally {
        inflater.end();
      }
    }
    throw new IllegalArgumentException(what + ": entry " + name + " uses unsupported compression method " + method);
  }
}
