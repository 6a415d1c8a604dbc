package org.crowdsweep.core.agent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal, safe reader of the pickle inside a torch zip ({@code archive/data.pkl}) that holds a state dict.
 *
 * <p>It interprets only the opcodes a state dict uses and builds plain Java values; it never resolves a global to
 * code. {@code collections.OrderedDict()} becomes a map, {@code torch._utils._rebuild_tensor_v2(...)} a {@link
 * TensorRef}, the persistent id {@code ('storage', torch.FloatStorage, key, location, numel)} a {@link StorageRef}.
 * Anything else is refused with the opcode and position.
 */
final class TorchPickle {
  /** A tensor in the state dict: which storage, where in it, and its shape. */
  record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

  /** A raw storage of the torch zip ({@code archive/data/<key>}). */
  record StorageRef(String dtype, String key, String location, long numel) {}

  private record Global(String module, String name) {}

  private static final Object MARK = new Object();

  private TorchPickle() {}

  /** Parses the pickle and returns the state dict: name → tensor, in file order. */
  static Map<String, TensorRef> readStateDict(byte[] data) {
    Object top = new TorchPickle.Machine(data).run();
    if (!(top instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("data.pkl: expected a state dict, found " + describe(top));
    }
    Map<String, TensorRef> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getKey() instanceof String name && e.getValue() instanceof TensorRef tensor) {
        out.put(name, tensor);
      } else {
        throw new IllegalArgumentException(
            "data.pkl: state dict entry " + e.getKey() + " is not a tensor, found " + describe(e.getValue()));
      }
    }
    return out;
  }

  private static String describe(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  private static final class Machine {
    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    Machine(byte[] data) {
      this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    Object run() {
      while (true) {
        if (!in.hasRemaining()) {
          throw new IllegalArgumentException("data.pkl: truncated pickle (no STOP opcode)");
        }
        int pos = in.position();
        int op = in.get() & 0xff;
        switch (op) {
          case 0x80 -> in.get(); // PROTO
          case 0x95 -> in.getLong(); // FRAME
          case '.' -> {
            return pop();
          }
          case '(' -> stack.push(MARK);
          case 'c' -> stack.push(new Global(readLine(), readLine()));
          case 'q' -> memo.put((long) (in.get() & 0xff), peek());
          case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
          case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
          case 'h' -> stack.push(memoGet(in.get() & 0xff, pos));
          case 'j' -> stack.push(memoGet(in.getInt() & 0xffffffffL, pos));
          case ')' -> stack.push(List.of());
          case 't' -> stack.push(popMark());
          case 0x85 -> stack.push(tuple(1));
          case 0x86 -> stack.push(tuple(2));
          case 0x87 -> stack.push(tuple(3));
          case ']' -> stack.push(new ArrayList<>());
          case '}' -> stack.push(new LinkedHashMap<>());
          case 'N' -> stack.push(NoneValue.NONE);
          case 0x88 -> stack.push(Boolean.TRUE);
          case 0x89 -> stack.push(Boolean.FALSE);
          case 'K' -> stack.push((long) (in.get() & 0xff));
          case 'M' -> stack.push((long) (in.getShort() & 0xffff));
          case 'J' -> stack.push((long) in.getInt());
          case 0x8a -> stack.push(readLong1());
          case 'G' -> stack.push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
          case 'X' -> stack.push(new String(bytes(in.getInt()), StandardCharsets.UTF_8));
          case 0x8c -> stack.push(new String(bytes(in.get() & 0xff), StandardCharsets.UTF_8));
          case 'a' -> {
            Object v = pop();
            asList(peek(), pos).add(v);
          }
          case 'e' -> {
            List<Object> items = popMark();
            asList(peek(), pos).addAll(items);
          }
          case 's' -> {
            Object v = pop();
            Object k = pop();
            asMap(peek(), pos).put(k, v);
          }
          case 'u' -> {
            List<Object> items = popMark();
            Map<Object, Object> map = asMap(peek(), pos);
            for (int i = 0; i + 1 < items.size(); i += 2) {
              map.put(items.get(i), items.get(i + 1));
            }
          }
          case 'b' -> pop(); // BUILD: object state (e.g. OrderedDict._metadata) is not needed
          case 'Q' -> stack.push(persistentLoad(pop(), pos));
          case 'R' -> {
            Object args = pop();
            Object callable = pop();
            stack.push(reduce(callable, args, pos));
          }
          default -> throw new IllegalArgumentException(
              String.format("data.pkl: unsupported pickle opcode 0x%02x at byte %d", op, pos));
        }
      }
    }

    private Object peek() {
      if (stack.isEmpty()) {
        throw new IllegalArgumentException("data.pkl: corrupt pickle (empty stack)");
      }
      return stack.peek();
    }

    private Object pop() {
      if (stack.isEmpty()) {
        throw new IllegalArgumentException("data.pkl: corrupt pickle (empty stack)");
      }
      return stack.pop();
    }

    private Object memoGet(long key, int pos) {
      Object v = memo.get(key);
      if (v == null) {
        throw new IllegalArgumentException("data.pkl: memo key " + key + " undefined at byte " + pos);
      }
      return v;
    }

    private List<Object> popMark() {
      List<Object> items = new ArrayList<>();
      while (true) {
        Object o = pop();
        if (o == MARK) {
          break;
        }
        items.add(0, o);
      }
      return List.copyOf(items);
    }

    private List<Object> tuple(int n) {
      Object[] items = new Object[n];
      for (int i = n - 1; i >= 0; i--) {
        items[i] = pop();
      }
      return List.of(items);
    }

    private byte[] bytes(int n) {
      if (n < 0 || n > in.remaining()) {
        throw new IllegalArgumentException("data.pkl: truncated pickle");
      }
      byte[] b = new byte[n];
      in.get(b);
      return b;
    }

    private String readLine() {
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (!in.hasRemaining()) {
          throw new IllegalArgumentException("data.pkl: truncated pickle");
        }
        char c = (char) (in.get() & 0xff);
        if (c == '\n') {
          return sb.toString();
        }
        sb.append(c);
      }
    }

    private long readLong1() {
      int n = in.get() & 0xff;
      byte[] b = bytes(n);
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = (v << 8) | (b[i] & 0xff);
      }
      if (n > 0 && n < 8 && (b[n - 1] & 0x80) != 0) {
        v -= 1L << (8 * n);
      }
      return v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o, int pos) {
      if (o instanceof ArrayList<?> list) {
        return (List<Object>) list;
      }
      throw new IllegalArgumentException("data.pkl: append to a non-list at byte " + pos);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o, int pos) {
      if (o instanceof LinkedHashMap<?, ?> map) {
        return (Map<Object, Object>) map;
      }
      throw new IllegalArgumentException("data.pkl: setitem on a non-dict at byte " + pos);
    }

    private static Object persistentLoad(Object pid, int pos) {
      if (pid instanceof List<?> t
          && t.size() == 5
          && "storage".equals(t.get(0))
          && t.get(1) instanceof Global type
          && t.get(2) instanceof String key
          && t.get(3) instanceof String location
          && t.get(4) instanceof Long numel) {
        return new StorageRef(type.name(), key, location, numel);
      }
      throw new IllegalArgumentException("data.pkl: unsupported persistent id at byte " + pos);
    }

    private static Object reduce(Object callable, Object args, int pos) {
      if (!(callable instanceof Global g) || !(args instanceof List<?> a)) {
        throw new IllegalArgumentException("data.pkl: unsupported REDUCE at byte " + pos);
      }
      String name = g.module() + "." + g.name();
      if (name.equals("collections.OrderedDict") && a.isEmpty()) {
        return new LinkedHashMap<>();
      }
      if (name.equals("torch._utils._rebuild_tensor_v2")
          && a.size() >= 4
          && a.get(0) instanceof StorageRef storage
          && a.get(1) instanceof Long offset
          && a.get(2) instanceof List<?> size
          && a.get(3) instanceof List<?> stride) {
        return new TensorRef(storage, offset, longs(size, pos), longs(stride, pos));
      }
      throw new IllegalArgumentException("data.pkl: refusing to call " + name + " at byte " + pos);
    }

    private static long[] longs(List<?> values, int pos) {
      long[] out = new long[values.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(values.get(i) instanceof Long l)) {
          throw new IllegalArgumentException("data.pkl: tensor shape is not a tuple of ints at byte " + pos);
        }
        out[i] = l;
      }
      return out;
    }
  }

  /** Python's None on the pickle stack (the deque refuses nulls). */
  private enum NoneValue {
    NONE
  }
}
