package io.github.aksdevsecops.bootstrap.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The graphs stay well-formed whatever the catalog's reasons say. */
class PlanRendererTest {
  static final Plan PLAN =
      Planner.plan(
          CatalogReader.parse(
              Path.of("catalog.yaml"),
              "components:\n"
                  + "  - id: a\n    manifests: {path: a}\n"
                  + "  - id: b-c\n    manifests: {path: b}\n"
                  + "    dependsOn:\n"
                  + "      a: \"needs \\\"quoted\\\" <b>tags</b> | pipes \\\\ and a\\nnewline\"\n"),
          EnvironmentReader.parse(
              Path.of("kind.yaml"), "name: kind\nkubeContext: k\nkubernetesVersion: \"1.32\"\n"));

  @Test
  void dotEscapesQuotesBackslashesAndLineBreaks() {
    String dot = PlanRenderer.dot(PLAN);
    assertThat(dot)
        .contains(
            "\"a\" -> \"b-c\" [tooltip=\"needs \\\"quoted\\\" <b>tags</b> | pipes \\\\ and a\\nnewline\"];")
        .contains("\"b-c\" [label=\"b-c\\nmanifests\"];");
    // Every line is one statement: no raw line break inside a string.
    assertThat(dot.lines().filter(l -> l.startsWith("  "))).allMatch(l -> l.endsWith(";"));
  }

  @Test
  void mermaidUsesEntityCodesInLabelsAndValidNodeIds() {
    String mermaid = PlanRenderer.mermaid(PLAN);
    assertThat(mermaid)
        .contains("  b_c[\"b-c (manifests)\"]")
        .contains(
            "  a -->|\"needs #quot;quoted#quot; #lt;b#gt;tags#lt;/b#gt; #124; pipes \\ and a newline\"| b_c");
    assertThat(mermaid.lines()).hasSize(4);
  }
}
