package io.github.aksdevsecops.bootstrap.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksdevsecops.bootstrap.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as "already applied" when the API server has normalised what we sent. */
class CreateOrUpdateApplierTest {

  /** Canonical forms of one quantity are the same declaration; other amounts or words drift. */
  @ParameterizedTest(name = "{0} stored as {1}: same = {2}")
  @CsvSource({
    "1000m, 1, true",
    "0.5, 500m, true",
    "1Gi, 1073741824, true",
    "2, 2000m, true",
    "128Mi, 131072Ki, true",
    "1000m, 2, false",
    "512Mi, 1Gi, false",
    "blue, red, false",
    "8080, http, false",
    "1e3, 1001, false",
  })
  void canonicalQuantitiesAreTheSameAndOtherValuesDrift(
      String declared, String stored, boolean same) {
    assertThat(CreateOrUpdateApplier.sameQuantity(declared, stored)).isEqualTo(same);
  }

  @Test
  void aResourceBlockStoredCanonicallyIsUnchanged() {
    var want =
        Json.readTree("{\"limits\":{\"cpu\":\"1000m\",\"memory\":\"0.5Gi\"},\"replicas\":3}");
    var have =
        Json.readTree(
            "{\"limits\":{\"cpu\":\"1\",\"memory\":\"512Mi\"},\"replicas\":3,\"extra\":\"default\"}");
    assertThat(CreateOrUpdateApplier.subset(want, have)).isTrue();
  }

  @Test
  void numberLikeTextOutsideResourceFieldsIsComparedAsWritten() {
    var want = Json.readTree("{\"data\":{\"version\":\"1.0\"}}");
    var have = Json.readTree("{\"data\":{\"version\":\"1\"}}");
    assertThat(CreateOrUpdateApplier.subset(want, have)).isFalse();
  }

  @Test
  void aChangedLimitIsStillDrift() {
    var want = Json.readTree("{\"limits\":{\"cpu\":\"500m\"}}");
    var have = Json.readTree("{\"limits\":{\"cpu\":\"1\"}}");
    assertThat(CreateOrUpdateApplier.subset(want, have)).isFalse();
  }
}
