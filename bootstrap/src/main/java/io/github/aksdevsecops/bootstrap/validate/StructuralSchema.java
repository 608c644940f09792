package io.github.aksdevsecops.bootstrap.validate;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An object checked against a CRD's {@code openAPIV3Schema} as the API server reads it: types (with
 * {@code nullable} and {@code x-kubernetes-int-or-string}), required fields, enums, string
 * patterns, array items, maps ({@code additionalProperties}), {@code anyOf}/{@code allOf}/{@code
 * oneOf} value checks — and unknown fields, which the API server prunes silently (a typo in a
 * custom resource is a setting that never takes effect) unless the schema preserves them.
 * Kubernetes' structural-schema extensions are not JSON Schema, hence this small checker instead of
 * a JSON Schema library.
 */
final class StructuralSchema {
  private StructuralSchema() {}

  /** Every problem, as "path: what". The root's apiVersion, kind and metadata are the server's. */
  static List<String> problems(Map<String, Object> schema, Map<String, Object> object) {
    List<String> out = new ArrayList<>();
    Map<String, Object> properties = Plain.map(schema.get("properties"));
    for (Map.Entry<String, Object> e : object.entrySet()) {
      String key = e.getKey();
      if (key.equals("apiVersion") || key.equals("kind") || key.equals("metadata")) {
        continue;
      }
      Object sub = properties.get(key);
      if (sub == null) {
        if (!preservesUnknown(schema)) {
          out.add("." + key + ": unknown field");
        }
        continue;
      }
      check(Plain.map(sub), e.getValue(), "." + key, out, true);
    }
    for (Object r : Plain.list(schema.get("required"))) {
      if (!List.of("apiVersion", "kind", "metadata").contains(String.valueOf(r))
          && !object.containsKey(String.valueOf(r))) {
        out.add("." + r + ": required field missing");
      }
    }
    return out;
  }

  private static void check(
      Map<String, Object> schema, Object value, String path, List<String> out, boolean structural) {
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        out.add(path + ": must not be null");
      }
      return;
    }
    String type = String.valueOf(schema.getOrDefault("type", ""));
    boolean intOrString = Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"));
    if (intOrString) {
      if (!(value instanceof Long || value instanceof String)) {
        out.add(path + ": must be an integer or a string");
      }
    } else if (!type.isEmpty() && !hasType(type, value)) {
      out.add(path + ": must be " + type + ", is " + describe(value));
      return;
    }
    enums(schema, value, path, out);
    if (value instanceof String s && schema.get("pattern") instanceof String p && !matches(p, s)) {
      out.add(path + ": '" + s + "' does not match " + p);
    }
    if (value instanceof Map<?, ?> map) {
      object(schema, Plain.map(map), path, out, structural);
    } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < list.size(); i++) {
        check(Plain.map(items), list.get(i), path + "[" + i + "]", out, structural);
      }
    }
    combinations(schema, value, path, out);
  }

  private static void object(
      Map<String, Object> schema,
      Map<String, Object> map,
      String path,
      List<String> out,
      boolean structural) {
    boolean embedded = Boolean.TRUE.equals(schema.get("x-kubernetes-embedded-resource"));
    Map<String, Object> properties = Plain.map(schema.get("properties"));
    Object additional = schema.get("additionalProperties");
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String where = path + "." + e.getKey();
      if (properties.containsKey(e.getKey())) {
        check(Plain.map(properties.get(e.getKey())), e.getValue(), where, out, structural);
      } else if (additional instanceof Map<?, ?> valueSchema) {
        check(Plain.map(valueSchema), e.getValue(), where, out, structural);
      } else if (embedded && List.of("apiVersion", "kind", "metadata").contains(e.getKey())) {
        continue;
      } else if (structural && !preservesUnknown(schema) && !Boolean.TRUE.equals(additional)) {
        out.add(where + ": unknown field");
      }
    }
    for (Object r : Plain.list(schema.get("required"))) {
      if (!map.containsKey(String.valueOf(r))) {
        out.add(path + "." + r + ": required field missing");
      }
    }
  }

  /** anyOf, allOf and oneOf constrain values; their branches declare no new fields. */
  private static void combinations(
      Map<String, Object> schema, Object value, String path, List<String> out) {
    List<Object> anyOf = Plain.list(schema.get("anyOf"));
    if (!anyOf.isEmpty() && anyOf.stream().noneMatch(b -> passes(b, value, path))) {
      out.add(path + ": matches none of its anyOf alternatives");
    }
    for (Object branch : Plain.list(schema.get("allOf"))) {
      check(Plain.map(branch), value, path, out, false);
    }
    List<Object> oneOf = Plain.list(schema.get("oneOf"));
    if (!oneOf.isEmpty() && oneOf.stream().filter(b -> passes(b, value, path)).count() != 1) {
      out.add(path + ": must match exactly one of its oneOf alternatives");
    }
  }

  private static boolean passes(Object branch, Object value, String path) {
    List<String> trial = new ArrayList<>();
    check(Plain.map(branch), value, path, trial, false);
    return trial.isEmpty();
  }

  private static void enums(
      Map<String, Object> schema, Object value, String path, List<String> out) {
    List<Object> allowed = Plain.list(schema.get("enum"));
    if (!allowed.isEmpty()
        && allowed.stream().noneMatch(a -> String.valueOf(a).equals(String.valueOf(value)))) {
      out.add(path + ": '" + value + "' is not one of " + allowed);
    }
  }

  private static boolean preservesUnknown(Map<String, Object> schema) {
    return Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
  }

  private static boolean hasType(String type, Object value) {
    return switch (type) {
      case "object" -> value instanceof Map<?, ?>;
      case "array" -> value instanceof List<?>;
      case "string" -> value instanceof String;
      case "integer" -> value instanceof Long;
      case "number" -> value instanceof Long || value instanceof Double;
      case "boolean" -> value instanceof Boolean;
      default -> true;
    };
  }

  private static boolean matches(String regex, String value) {
    try {
      return Pattern.compile(regex).matcher(value).find();
    } catch (PatternSyntaxException e) {
      return true; // an ECMA-only construct Java cannot read: the API server checks it
    }
  }

  private static String describe(Object value) {
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " '" + value + "'";
  }
}
