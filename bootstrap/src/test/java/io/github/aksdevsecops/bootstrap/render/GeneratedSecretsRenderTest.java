package io.github.aksdevsecops.bootstrap.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.assets.SecretsCatalogs;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A secrets step renders what it writes (Secrets and key names), never a value. */
class GeneratedSecretsRenderTest {
  @Test
  void namesEachSecretAndItsKeysButNoValue() throws Exception {
    Environment env =
        EnvironmentReader.parse(
            Path.of("kind.yaml"),
            "name: kind\nkubeContext: kind-devsecops\nkubernetesVersion: \"1.32\"\n");
    Plan plan =
        Planner.plan(
            CatalogReader.parse(
                Path.of("catalog.yaml"), SecretsCatalogs.grafanaAdmin("admin-of-kind")),
            env);
    PlatformRender render = new PlatformRenderer(Path.of("."), null).render(plan);
    String text = render.text(render.steps().get(0));

    assertThat(text)
        .contains(
            "# writes Secret monitoring/grafana-admin (keys admin-user, admin-password;"
                + " values are not rendered)")
        .doesNotContain("admin-of-kind")
        .doesNotContain("changes Azure or local state only");
  }
}
