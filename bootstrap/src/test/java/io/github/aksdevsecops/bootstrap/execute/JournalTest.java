package io.github.aksdevsecops.bootstrap.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.model.UnexpectedStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal belongs to one target; an edited or misplaced one is refused before it is used. */
class JournalTest {
  @TempDir Path root;

  Path file() {
    return root.resolve(".bootstrap/staging.journal.json");
  }

  @Test
  void keepsOwnershipAndRecordedFactsAcrossRuns() {
    Journal first = Journal.forEnvironment(root, Fixtures.staging(), Clock.systemUTC());
    first.record("aks", new StepResult.Applied("created", Map.of("cluster_name", "aks-dso")));
    first.startFullRun();
    Journal again = Journal.forEnvironment(root, Fixtures.staging(), Clock.systemUTC());
    assertThat(again.owned("aks")).isTrue();
    assertThat(again.done("aks")).isFalse();
    assertThat(again.entry("aks").orElseThrow().recorded())
        .containsEntry("cluster_name", "aks-dso");
  }

  @Test
  void aJournalEditedToPointAtAnotherSubscriptionIsRefused() throws Exception {
    Journal.forEnvironment(root, Fixtures.staging(), Clock.systemUTC())
        .record("aks", new StepResult.Applied("created", Map.of("cluster_name", "aks-dso")));
    String text = Files.readString(file());
    Files.writeString(
        file(),
        text.replace(
            "11111111-2222-3333-4444-555555555555", "99999999-2222-3333-4444-555555555555"));
    assertThatThrownBy(() -> Journal.forEnvironment(root, Fixtures.staging(), Clock.systemUTC()))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("was written for")
        .hasMessageContaining("99999999-2222-3333-4444-555555555555")
        .hasMessageContaining("refusing to use it");
  }

  @Test
  void aJournalOfAnotherEnvironmentCopiedIntoPlaceIsRefused() throws Exception {
    Journal.forEnvironment(root, Fixtures.staging(), Clock.systemUTC())
        .record("aks", new StepResult.Applied("created"));
    Environment production =
        EnvironmentReader.parse(
            Path.of("production.yaml"),
            Fixtures.STAGING.replace("name: staging", "name: production"));
    Path copy = root.resolve(".bootstrap/production.journal.json");
    Files.copy(file(), copy);
    assertThatThrownBy(() -> Journal.forEnvironment(root, production, Clock.systemUTC()))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("environment=staging");
  }

  @Test
  void aJournalWithoutItsTargetIsNotTrusted() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(
        file(), "{\"aks\":{\"status\":\"DONE\",\"owned\":true,\"at\":\"x\",\"recorded\":{}}}");
    assertThatThrownBy(() -> Journal.forEnvironment(root, Fixtures.staging(), Clock.systemUTC()))
        .isInstanceOf(UnexpectedStateException.class)
        .hasMessageContaining("move it away");
  }
}
