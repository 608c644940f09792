package io.github.aksdevsecops.bootstrap.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.Plain;
import io.github.aksdevsecops.bootstrap.assets.YamlFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A custom resource read against its CRD schema as the API server would read it. */
class StructuralSchemaTest {
  static final Map<String, Object> SCHEMA =
      yaml(
          "type: object\nproperties:\n  spec:\n    type: object\n    required: [size]\n"
              + "    properties:\n      size: {type: integer, minimum: 1}\n"
              + "      port: {x-kubernetes-int-or-string: true}\n"
              + "      mode: {type: string, enum: [fast, safe]}\n"
              + "      name: {type: string, pattern: '^[a-z]+$'}\n"
              + "      labels: {type: object, additionalProperties: {type: string}}\n"
              + "      raw: {type: object, x-kubernetes-preserve-unknown-fields: true}\n"
              + "      items: {type: array, items: {type: object, properties: {id: {type: string}}}}\n"
              + "      nullable: {type: string, nullable: true}\n");

  static Map<String, Object> yaml(String text) {
    return Plain.map(YamlFiles.parseOne(Path.of("s.yaml"), text).toPlain());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "valid|size: 3, port: http, mode: fast, name: web, labels: {a: b}, raw: {any: 1}, nullable: null|",
        "int or string|size: 3, port: 8080|",
        "unknown field|size: 3, colour: red|.spec.colour: unknown field",
        "unknown nested|size: 3, items: [{id: a, idd: b}]|.spec.items[0].idd: unknown field",
        "missing required|mode: safe|.spec.size: required field missing",
        "wrong type|size: three|.spec.size: must be integer",
        "bad enum|size: 1, mode: quick|.spec.mode: 'quick' is not one of [fast, safe]",
        "pattern|size: 1, name: Web1|.spec.name: 'Web1' does not match",
        "map value type|size: 1, labels: {a: 1}|.spec.labels.a: must be string",
        "not nullable|size: null|.spec.size: must not be null",
      })
  void readsLikeTheApiServer(String scenario, String spec, String expected) {
    var problems =
        StructuralSchema.problems(
            SCHEMA, yaml("apiVersion: x/v1\nkind: X\nmetadata: {name: a}\nspec: {" + spec + "}\n"));
    if (expected == null) {
      assertThat(problems).as(scenario).isEmpty();
    } else {
      assertThat(problems).as(scenario).anyMatch(p -> p.startsWith(expected));
    }
  }
}
