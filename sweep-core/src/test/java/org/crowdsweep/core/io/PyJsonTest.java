package org.crowdsweep.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's float repr and {@code json.dumps(indent=4, sort_keys=True)}; expected strings printed by CPython 3.11. */
final class PyJsonTest {

  @ParameterizedTest
  @CsvSource({
    "0.1, 0.1",
    "-0.05, -0.05",
    "5e-05, 5e-05",
    "0.0001, 0.0001",
    "1e16, 1e+16",
    "1e15, 1000000000000000.0",
    "100.0, 100.0",
    "0.9963106750000001, 0.9963106750000001",
    "0.8999999999999999, 0.8999999999999999",
    "1.5e-07, 1.5e-07",
    "123456789012345678, 1.2345678901234568e+17",
    "0.3, 0.3",
    "2.5, 2.5",
  })
  void floatRepr_matchesPython(double value, String expected) {
    assertEquals(expected, PyJson.floatRepr(value));
  }

  @Test
  void write_matchesPythonDumps() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1L);
    m.put("a", List.of(0.5, "x\u00e9\"", true));
    m.put("c", Map.of());
    m.put("d", null);
    assertEquals(
        "{\n    \"a\": [\n        0.5,\n        \"x\\u00e9\\\"\",\n        true\n    ],\n    \"b\": 1,\n"
            + "    \"c\": {},\n    \"d\": null\n}",
        PyJson.write(m));
  }

  @Test
  void parse_keepsIntsAndFloatsApart() {
    Map<String, Object> m = PyJson.parseObject("{\"i\": 1, \"f\": 1.0, \"n\": NaN}");
    assertEquals(1L, m.get("i"));
    assertEquals(1.0, m.get("f"));
    assertEquals(Double.NaN, m.get("n"));
  }
}
