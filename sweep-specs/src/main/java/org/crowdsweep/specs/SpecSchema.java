package org.crowdsweep.specs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.io.PyJson;

/**
 * The JSON Schema (draft 2020-12) of the spec language, generated from the same field lists the reader checks, so
 * editors can complete and check specs. The committed {@code sweep-specs/schema/sweep-spec.schema.json} is kept equal
 * to {@link #generate()} by a test; regenerate it with {@code sweep schema > sweep-specs/schema/sweep-spec.schema.json}.
 */
public final class SpecSchema {
  private SpecSchema() {}

  /** The schema as JSON text (4-space indent, sorted keys, trailing newline). */
  public static String generate() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", "https://github.com/crowdsweep/crowdsweep/sweep-spec.schema.json");
    schema.put("title", "crowdsweep sweep spec");
    schema.put("type", "object");
    schema.put("required", List.of("name"));
    schema.put("additionalProperties", false);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("$schema", Map.of("type", "string"));
    props.put("name", Map.of("type", "string", "pattern", "^[A-Za-z0-9._-]+$"));
    props.put("description", Map.of("type", "string"));
    props.put("comment", Map.of("type", "string"));
    props.put("base", ref("settings"));
    props.put("agent", ref("agent"));
    props.put("training", object(Map.of(
        "totalTimesteps", Map.of("type", "integer", "minimum", 1),
        "seeds", ref("seeds"),
        "hyperparameters", hyperparameters())));
    props.put("evaluation", object(Map.of(
        "episodes", Map.of("type", "integer", "minimum", 1, "maximum", 10000000),
        "seeds", ref("seeds"),
        "seeding", Map.of("enum", List.of("per-episode", "tutorial")),
        "world", ref("settings"))));
    props.put("axes", Map.of("type", "array", "items", ref("axis")));
    props.put("points", Map.of("type", "array", "items", ref("point")));
    props.put("effects", Map.of("type", "array", "items", ref("effect")));
    props.put("limits", object(Map.of("maxPoints", Map.of("type", "integer", "minimum", 1))));
    checkSame(SpecReader.TOP, props.keySet(), "top level");
    schema.put("properties", props);

    Map<String, Object> defs = new LinkedHashMap<>();
    defs.put("seeds", Map.of("type", "array", "minItems", 1, "uniqueItems", true,
        "items", Map.of("type", "integer", "minimum", 0)));
    defs.put("settingPath", Map.of("type", "string", "pattern", pathPattern(),
        "description", "user.<field>, antiCheat.<field>, taskGivers, taskGivers[i], taskGivers[i].<property>,"
            + " training.<hyperparameter> or training.seed"));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("type", "object");
    settings.put("propertyNames", ref("settingPath"));
    settings.put("description", "Settings applied in order (the task-giver count first), path -> value.");
    defs.put("settings", settings);
    defs.put("agent", Map.of("oneOf", List.of(
        Map.of("const", "train"),
        Map.of("type", "object", "required", List.of("load"), "additionalProperties", false,
            "properties", Map.of("load", Map.of("type", "string",
                "description", "published:qa3-0.1, published:qa3-0, or a path to a model"))))));
    Map<String, Object> axisProps = new LinkedHashMap<>();
    axisProps.put("path", ref("settingPath"));
    axisProps.put("values", Map.of("type", "array", "minItems", 1));
    axisProps.put("range", object(numbers(SpecReader.RANGE), SpecReader.RANGE));
    axisProps.put("linspace", object(numbers(SpecReader.SPACE), SpecReader.SPACE));
    axisProps.put("logspace", object(numbers(SpecReader.SPACE), SpecReader.SPACE));
    axisProps.put("zip", Map.of("type", "string"));
    checkSame(SpecReader.AXIS, axisProps.keySet(), "axis");
    Map<String, Object> axis = new LinkedHashMap<>(object(axisProps));
    axis.put("required", List.of("path"));
    axis.put("oneOf", List.of(Map.of("required", List.of("values")), Map.of("required", List.of("range")),
        Map.of("required", List.of("linspace")), Map.of("required", List.of("logspace"))));
    defs.put("axis", axis);
    Map<String, Object> pointProps = new LinkedHashMap<>();
    pointProps.put("label", Map.of("type", "string", "minLength", 1));
    pointProps.put("set", ref("settings"));
    pointProps.put("agent", ref("agent"));
    pointProps.put("evaluationWorld", ref("settings"));
    checkSame(SpecReader.POINT, pointProps.keySet(), "point");
    Map<String, Object> point = new LinkedHashMap<>(object(pointProps));
    point.put("required", List.of("label"));
    defs.put("point", point);
    Map<String, Object> effectProps = new LinkedHashMap<>();
    effectProps.put("name", Map.of("type", "string"));
    effectProps.put("metric", Map.of("type", "string"));
    effectProps.put("metrics", Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string")));
    effectProps.put("baseline", Map.of("type", "object"));
    effectProps.put("manipulated", Map.of("type", "array", "minItems", 1, "items", Map.of("type", "object")));
    effectProps.put("expected", Map.of("enum", List.of("up", "down", "none")));
    effectProps.put("comment", Map.of("type", "string"));
    checkSame(SpecReader.EFFECT, effectProps.keySet(), "effect");
    Map<String, Object> effect = new LinkedHashMap<>(object(effectProps));
    effect.put("required", List.of("name", "baseline", "manipulated", "expected"));
    defs.put("effect", effect);
    schema.put("$defs", defs);
    return PyJson.write(schema) + "\n";
  }

  private static Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    for (Map.Entry<String, Boolean> e : Settings.HYPERPARAMETERS.entrySet()) {
      h.put(e.getKey(), Map.of("type", e.getValue() ? "integer" : "number"));
    }
    return object(h);
  }

  private static String pathPattern() {
    List<String> alts = new ArrayList<>();
    alts.add("user\\.(" + String.join("|", Settings.USER) + ")");
    alts.add("antiCheat\\.(" + String.join("|", Settings.ANTI_CHEAT) + ")");
    alts.add("taskGivers(\\[[0-9]+\\](\\.(" + String.join("|", Settings.PROPERTIES) + "|targetNumInstancesScale))?)?");
    alts.add("training\\.(" + String.join("|", Settings.HYPERPARAMETERS.keySet()) + "|seed)");
    return "^(" + String.join("|", alts) + ")$";
  }

  private static Map<String, Object> numbers(List<String> keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : keys) {
      m.put(k, Map.of("type", k.equals("count") ? "integer" : "number"));
    }
    return m;
  }

  private static Map<String, Object> object(Map<String, Object> properties) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("additionalProperties", false);
    m.put("properties", properties);
    return m;
  }

  private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> m = object(properties);
    m.put("required", required);
    return m;
  }

  private static Map<String, Object> ref(String def) {
    return Map.of("$ref", "#/$defs/" + def);
  }

  private static void checkSame(List<String> reader, java.util.Set<String> schema, String what) {
    if (!new java.util.HashSet<>(reader).equals(schema)) {
      throw new IllegalStateException("schema and reader disagree on the fields of " + what + ": " + reader + " vs "
          + schema);
    }
  }
}
