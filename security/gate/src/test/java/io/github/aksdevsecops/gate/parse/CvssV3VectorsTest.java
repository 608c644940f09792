package io.github.aksdevsecops.gate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base scores computed from vectors must equal the scores NVD publishes for the same vectors, so a
 * calculator upgrade that changes a result fails the build. Pairs from NVD CVE entries; 3.0 and 3.1
 * vectors, scope unchanged and changed.
 */
class CvssV3VectorsTest {

  @ParameterizedTest(name = "{0}: {1} = {2}")
  @CsvSource({
    // CVSS 3.1
    "CVE-2021-44228, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
    "CVE-2021-45046, CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H, 9.0",
    "CVE-2021-45105, CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H, 5.9",
    "CVE-2021-44832, CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H, 6.6",
    "CVE-2022-22965, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVE-2022-42889, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVE-2020-1938, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVE-2014-6271, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVE-2024-3094, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
    "CVE-2021-3156, CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
    "CVE-2021-4034, CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
    "CVE-2022-0847, CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
    "CVE-2016-5195, CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.0",
    "CVE-2023-44487, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5",
    "CVE-2020-36518, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5",
    "CVE-2014-0160, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N, 7.5",
    "CVE-2023-4863, CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H, 8.8",
    "CVE-2021-34527, CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8",
    "CVE-2020-0601, CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N, 8.1",
    "CVE-2019-5736, CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H, 8.6",
    "CVE-2024-21626, CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H, 8.6",
    "CVE-2019-11358, CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
    "CVE-2020-11022, CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
    "CVE-2014-3566, CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:N/A:N, 3.4",
    // CVSS 3.0
    "CVE-2017-5753, CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:N, 5.6",
    "CVE-2017-5754, CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:N, 5.6",
    "CVE-2018-3639, CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N, 5.5",
    "CVE-2018-11776, CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H, 8.1",
    "CVE-2017-9805, CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H, 8.1",
    "CVE-2018-7600, CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
    "CVE-2018-1002105, CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
  })
  void matchesThePublishedBaseScore(String cve, String vector, String score) {
    assertThat(CvssV3Vectors.baseScore(vector)).as(cve).isEqualByComparingTo(score);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AV:N/AC:L/Au:N/C:P/I:P/A:P",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "9.8"
      })
  void rejectsWhatIsNotAWellFormedV3Vector(String vector) {
    assertThatThrownBy(() -> CvssV3Vectors.baseScore(vector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(vector);
  }
}
