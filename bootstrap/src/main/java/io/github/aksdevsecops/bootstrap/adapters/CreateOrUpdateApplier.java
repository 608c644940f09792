package io.github.aksdevsecops.bootstrap.adapters;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.github.aksdevsecops.bootstrap.json.Json;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * For API servers that do not serve server-side apply (fabric8's CRUD mock): create, or update when
 * a declared field differs. Such a server bumps the resourceVersion on every update, so "changed"
 * is decided here by comparing the declared fields with what the server holds (server defaults may
 * add more).
 */
public final class CreateOrUpdateApplier implements ManifestApplier {
  @Override
  public Change apply(KubernetesClient client, HasMetadata object) {
    Change change = preview(client, object);
    if (change != Change.UNCHANGED) {
      client.resource(object).createOr(NonDeletingOperation::update);
    }
    return change;
  }

  @Override
  public Change preview(KubernetesClient client, HasMetadata object) {
    HasMetadata existing = client.resource(object).get();
    if (existing == null) {
      return Change.CREATED;
    }
    return contains(client, existing, object) ? Change.UNCHANGED : Change.UPDATED;
  }

  /** Every field we declare is already there with the same value. */
  static boolean contains(KubernetesClient client, HasMetadata existing, HasMetadata desired) {
    var serialization = client.getKubernetesSerialization();
    JsonNode have = Json.readTree(serialization.asJson(existing));
    JsonNode want = Json.readTree(serialization.asJson(desired));
    return subset(want, have);
  }

  static boolean subset(JsonNode want, JsonNode have) {
    return subset(want, have, "");
  }

  private static boolean subset(JsonNode want, JsonNode have, String field) {
    if (want == null || want.isNull()) {
      return true;
    }
    if (have == null) {
      return false;
    }
    if (want.isObject()) {
      if (!have.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> f : want.properties()) {
        if (!subset(f.getValue(), have.get(f.getKey()), f.getKey())) {
          return false;
        }
      }
      return true;
    }
    if (want.isArray()) {
      if (!have.isArray() || have.size() != want.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!subset(want.get(i), have.get(i), field)) {
          return false;
        }
      }
      return true;
    }
    return want.asText().equals(have.asText())
        || (QUANTITY_FIELDS.contains(field) && sameQuantity(want.asText(), have.asText()));
  }

  /**
   * The API server stores resource quantities in canonical form ({@code 1000m} comes back as {@code
   * 1}, {@code 0.5} as {@code 500m}); equal amounts are the same declaration, not drift.
   */
  static boolean sameQuantity(String want, String have) {
    if (!startsLikeANumber(want) || !startsLikeANumber(have)) {
      return false;
    }
    try {
      return Quantity.getAmountInBytes(Quantity.parse(want))
              .compareTo(Quantity.getAmountInBytes(Quantity.parse(have)))
          == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }

  /** Resource names whose values are quantities (requests, limits, capacities, PVC sizes). */
  private static final Set<String> QUANTITY_FIELDS =
      Set.of("cpu", "memory", "ephemeral-storage", "storage");

  private static boolean startsLikeANumber(String s) {
    return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || "+-.".indexOf(s.charAt(0)) >= 0);
  }
}
