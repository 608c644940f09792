package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.assets.CatalogReader;
import io.github.aksdevsecops.bootstrap.assets.EnvironmentReader;
import io.github.aksdevsecops.bootstrap.model.Catalog;
import io.github.aksdevsecops.bootstrap.model.Environment;
import io.github.aksdevsecops.bootstrap.plan.Plan;
import io.github.aksdevsecops.bootstrap.plan.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small catalogs, environments and fake executables shared by the executor tests. */
final class Fixtures {
  private Fixtures() {}

  static final String STAGING =
      "name: staging\nkubeContext: aks-dso\nkubernetesVersion: \"1.32\"\n"
          + "azure:\n  subscriptionId: 11111111-2222-3333-4444-555555555555\n"
          + "  location: westeurope\n  namePrefix: dso\n"
          + "  resourceProviders: [Microsoft.ContainerService]\n"
          + "  nodePools:\n    - {name: system, vmFamily: standardDSv5Family, vcpusPerNode: 4, maxCount: 3}\n";

  static Environment staging() {
    return EnvironmentReader.parse(Path.of("staging.yaml"), STAGING);
  }

  static Environment kind() {
    return EnvironmentReader.parse(
        Path.of("kind.yaml"),
        "name: kind\nkubeContext: kind-devsecops\nkubernetesVersion: \"1.32\"\n");
  }

  static Plan plan(String catalogYaml, Environment env) {
    Catalog catalog = CatalogReader.parse(Path.of("catalog.yaml"), catalogYaml);
    return Planner.plan(catalog, env);
  }

  static Path executable(Path dir, String name, String body) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }
}
