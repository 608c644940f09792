package io.github.aksdevsecops.bootstrap.report;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON writer of the tool (stable key order from the maps given). */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static JsonNode readTree(String json) {
    return MAPPER.readTree(json);
  }

  public static <T> T read(String json, TypeReference<T> type) {
    return MAPPER.readValue(json, type);
  }
}
