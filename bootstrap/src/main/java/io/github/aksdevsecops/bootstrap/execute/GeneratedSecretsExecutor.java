package io.github.aksdevsecops.bootstrap.execute;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec.GeneratedSecret;
import io.github.aksdevsecops.bootstrap.model.ComponentSpec.KeySource;
import io.github.aksdevsecops.bootstrap.model.Ownership;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import io.github.aksdevsecops.bootstrap.plan.PlannedStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Creates the Secrets a vault provides on AKS where there is none (kind). A random key is generated
 * only when missing, so a second run changes nothing and a password never rotates under a running
 * workload; a file key follows its file; keys the catalog does not list are left alone. Only key
 * names and counts are reported: values never leave the cluster call.
 */
public final class GeneratedSecretsExecutor implements StepExecutor {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private final SecureRandom random = new SecureRandom();

  @Override
  public StepResult apply(PlannedStep step, ExecutionContext ctx) throws InterruptedException {
    KubernetesClient client = ctx.session().client();
    List<GeneratedSecret> secrets = secrets(step);
    int changed = 0;
    for (GeneratedSecret wanted : secrets) {
      Secret existing =
          client.secrets().inNamespace(wanted.namespace()).withName(wanted.name()).get();
      Optional<Map<String, String>> data = desired(ctx.root(), wanted, existing, true);
      if (data.isEmpty()) {
        continue;
      }
      Secret secret =
          new SecretBuilder()
              .withNewMetadata()
              .withNamespace(wanted.namespace())
              .withName(wanted.name())
              .addToAnnotations(Ownership.STEP_ANNOTATION, step.id())
              .endMetadata()
              .withType("Opaque")
              .withData(data.get())
              .build();
      if (existing == null) {
        client.resource(secret).create();
      } else {
        client
            .secrets()
            .inNamespace(wanted.namespace())
            .withName(wanted.name())
            .edit(s -> new SecretBuilder(s).withData(data.get()).build());
      }
      changed++;
    }
    return changed == 0
        ? new StepResult.Unchanged(secrets.size() + " generated Secrets already present")
        : new StepResult.Applied(changed + " of " + secrets.size() + " generated Secrets written");
  }

  @Override
  public StepResult preview(PlannedStep step, ExecutionContext ctx) {
    KubernetesClient client = ctx.session().client();
    int pending = 0;
    for (GeneratedSecret wanted : secrets(step)) {
      Secret existing =
          client.secrets().inNamespace(wanted.namespace()).withName(wanted.name()).get();
      if (desired(ctx.root(), wanted, existing, false).isPresent()) {
        pending++;
      }
    }
    return pending == 0
        ? new StepResult.Unchanged("generated Secrets present")
        : new StepResult.Applied(pending + " generated Secrets to write");
  }

  @Override
  public StepResult destroy(PlannedStep step, ExecutionContext ctx) {
    KubernetesClient client = ctx.session().client();
    int deleted = 0;
    for (GeneratedSecret wanted : secrets(step)) {
      var resource = client.secrets().inNamespace(wanted.namespace()).withName(wanted.name());
      Secret existing = resource.get();
      if (existing != null
          && existing.getMetadata().getAnnotations() != null
          && step.id()
              .equals(existing.getMetadata().getAnnotations().get(Ownership.STEP_ANNOTATION))) {
        resource.withTimeout(1, TimeUnit.MINUTES).delete();
        deleted++;
      }
    }
    return new StepResult.Applied("deleted " + deleted + " generated Secrets it had created");
  }

  private static List<GeneratedSecret> secrets(PlannedStep step) {
    return ((ComponentSpec.Secrets) step.component().spec()).secrets();
  }

  /**
   * The data the Secret must hold (base64), or empty when it already does. Random keys keep their
   * current value; with {@code generate} false (preview) a missing random key is only noted.
   */
  private Optional<Map<String, String>> desired(
      Path root, GeneratedSecret wanted, Secret existing, boolean generate) {
    Map<String, String> current =
        existing == null || existing.getData() == null ? Map.of() : existing.getData();
    Map<String, String> data = new LinkedHashMap<>(current);
    boolean change = existing == null;
    for (Map.Entry<String, KeySource> key : wanted.keys().entrySet()) {
      String now = current.get(key.getKey());
      KeySource source = key.getValue();
      String value;
      if (source instanceof KeySource.Random r) {
        value = now != null ? now : generate ? encode(randomText(r.length())) : "";
      } else if (source instanceof KeySource.File f) {
        value = encode(read(root, f.path()));
      } else {
        value = encode(((KeySource.Value) source).value());
      }
      if (!value.equals(now)) {
        change = true;
        data.put(key.getKey(), value);
      }
    }
    return change ? Optional.of(new HashMap<>(data)) : Optional.empty();
  }

  private String randomText(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String read(Path root, String file) {
    try {
      return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StepFailedException("cannot read " + file + " for a generated Secret", e);
    }
  }
}
