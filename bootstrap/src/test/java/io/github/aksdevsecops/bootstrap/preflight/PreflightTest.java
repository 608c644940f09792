package io.github.aksdevsecops.bootstrap.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.execute.FakeAzure;
import io.github.aksdevsecops.bootstrap.execute.Platform;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  static final String ENV =
      "name: staging\nkubeContext: stg\nkubernetesVersion: \"1.32\"\ntools: {terraform: \"1.11\"}\n"
          + "azure:\n  subscriptionId: 11111111-2222-3333-4444-555555555555\n"
          + "  location: westeurope\n  namePrefix: dso\n"
          + "  keyVaults: [dso-stg-kv]\n"
          + "  resourceProviders: [Microsoft.ContainerService, Microsoft.KeyVault]\n"
          + "  nodePools:\n"
          + "    - {name: system, vmFamily: standardDSv5Family, vcpusPerNode: 4, maxCount: 3}\n"
          + "    - {name: work, vmFamily: standardDSv5Family, vcpusPerNode: 8, maxCount: 2}\n";

  @TempDir Path bin;

  /** Answers for the one VM family of {@link #ENV}. */
  static FakeAzure azure(
      String subscription, Set<String> providers, int free, List<String> deleted) {
    FakeAzure azure = new FakeAzure();
    azure.subscription = subscription;
    azure.providers = providers;
    azure.freeVcpus = Map.of("standardDSv5Family", free);
    azure.deletedVaults = deleted;
    return azure;
  }

  Map<String, Preflight.Check> run(FakeAzure azure, String terraformVersion) throws Exception {
    for (String tool : List.of("terraform")) {
      Path p = bin.resolve(tool);
      Files.writeString(
          p,
          "#!/bin/sh\necho \"" + tool + " v" + terraformVersion + "\"\n",
          StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }
    Plan plan =
        Planner.plan(
            CatalogReader.parse(
                Path.of("c.yaml"), "components:\n  - id: aks\n    terraform: {stack: s}\n"),
            EnvironmentReader.parse(Path.of("staging.yaml"), ENV));
    Platform platform =
        new Platform(new ProcessRunner(bin.toString(), Map.of()), azure, null, null, null);
    Map<String, Preflight.Check> checks =
        Preflight.run(plan, platform).stream()
            .collect(Collectors.toMap(Preflight.Check::name, c -> c));
    assertThat(azure.credentialRequests).as("preflight never fetches credentials").isEmpty();
    return checks;
  }

  @Test
  void passesWhenTheSubscriptionIsReady() throws Exception {
    Map<String, Preflight.Check> checks =
        run(
            azure(
                "11111111-2222-3333-4444-555555555555",
                Set.of("Microsoft.ContainerService", "Microsoft.KeyVault"),
                28,
                List.of("other-kv")),
            "1.11.4");
    assertThat(checks.values()).allMatch(Preflight.Check::ok);
    assertThat(checks.get("vCPU quota standardDSv5Family").detail())
        .isEqualTo("needs 28, 28 free in westeurope");
    assertThat(checks.get("tool terraform").detail()).isEqualTo("version 1.11.4 (wanted 1.11.x)");
  }

  @Test
  void reportsEveryProblemItFinds() throws Exception {
    Map<String, Preflight.Check> checks =
        run(
            azure(
                "11111111-2222-3333-4444-555555555555",
                Set.of("Microsoft.ContainerService"),
                27,
                List.of("dso-stg-kv")),
            "1.9.0");
    assertThat(checks.get("tool terraform").ok()).isFalse();
    assertThat(checks.get("resource providers").detail())
        .isEqualTo("not registered: Microsoft.KeyVault");
    assertThat(checks.get("vCPU quota standardDSv5Family").ok()).isFalse();
    assertThat(checks.get("soft-deleted Key Vaults").detail()).contains("dso-stg-kv");
  }

  @Test
  void stopsAtAnotherSubscription() throws Exception {
    Map<String, Preflight.Check> checks =
        run(azure("99999999-2222-3333-4444-555555555555", Set.of(), 0, List.of()), "1.11.4");
    assertThat(checks.get("subscription").ok()).isFalse();
    assertThat(checks).doesNotContainKey("resource providers");
  }
}
