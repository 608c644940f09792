package io.github.aksdevsecops.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.cli.CliFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Against a real cluster (the kind workflow): apply --env kind twice with the real adapters
 * (server-side apply, helm-java, the current kube context); the second run must change nothing. Run
 * with {@code ./mvnw -Pe2e -pl bootstrap verify}; excluded from the default build.
 */
class KindApplyE2E {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CliFactory.production()
            .create(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void applyingTwiceChangesNothingTheSecondTime() {
    String repo = Path.of(System.getProperty("repo.root", "..")).toString();
    Run first = run("apply", "--env", "kind", "--repo", repo);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("ok   kube context");

    Run second = run("apply", "--env", "kind", "--repo", repo);
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("nothing to change");
  }
}
