package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.process.ProcessRunner;
import io.github.aksdevsecops.bootstrap.report.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Azure through the az CLI's JSON output, with the shared process runner and its timeouts. */
public final class AzCliGateway implements AzureGateway {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private final ProcessRunner runner;

  public AzCliGateway(ProcessRunner runner) {
    this.runner = runner;
  }

  private JsonNode json(String... args) throws InterruptedException {
    List<String> argv = new ArrayList<>(List.of("az"));
    argv.addAll(List.of(args));
    argv.add("--output");
    argv.add("json");
    ProcessRunner.Result r = runner.run(ProcessRunner.Command.of(argv, null, TIMEOUT).capturing());
    if (r.exitCode() != 0) {
      throw new UnexpectedStateException(
          "az "
              + args[0]
              + " "
              + args[1]
              + " failed (exit "
              + r.exitCode()
              + "): is az logged in?");
    }
    return Json.readTree(r.output());
  }

  @Override
  public String currentSubscription() throws InterruptedException {
    return json("account", "show").path("id").asText();
  }

  @Override
  public Set<String> registeredProviders() throws InterruptedException {
    Set<String> result = new TreeSet<>();
    for (JsonNode p : json("provider", "list", "--query", "[?registrationState=='Registered']")) {
      result.add(p.path("namespace").asText());
    }
    return result;
  }

  @Override
  public int freeVcpus(String location, String vmFamily) throws InterruptedException {
    for (JsonNode usage : json("vm", "list-usage", "--location", location)) {
      if (usage.path("name").path("value").asText().equalsIgnoreCase(vmFamily)) {
        return usage.path("limit").asInt() - usage.path("currentValue").asInt();
      }
    }
    throw new UnexpectedStateException("no quota entry for VM family " + vmFamily);
  }

  @Override
  public List<String> deletedKeyVaults() throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (JsonNode v : json("keyvault", "list-deleted")) {
      names.add(v.path("name").asText());
    }
    return names;
  }

  @Override
  public Secret userKubeconfig(String resourceGroup, String cluster) throws InterruptedException {
    ProcessRunner.Result r =
        runner.run(
            ProcessRunner.Command.of(
                    List.of(
                        "az",
                        "aks",
                        "get-credentials",
                        "--resource-group",
                        resourceGroup,
                        "--name",
                        cluster,
                        "--file",
                        "-"),
                    null,
                    TIMEOUT)
                .capturing());
    if (r.exitCode() != 0) {
      throw new UnexpectedStateException(
          "az aks get-credentials failed for " + resourceGroup + "/" + cluster);
    }
    return new Secret(r.output());
  }
}
