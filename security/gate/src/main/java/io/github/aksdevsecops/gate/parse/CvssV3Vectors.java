package io.github.aksdevsecops.gate.parse;

import java.math.BigDecimal;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV3;
import us.springett.cvss.MalformedVectorException;

/** Base scores of CVSS 3.0 and 3.1 vectors, computed by the cvss-calculator library. */
public final class CvssV3Vectors {
  private CvssV3Vectors() {}

  /**
   * The base score of {@code vector}, e.g. {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H} →
   * 9.8.
   *
   * @throws IllegalArgumentException when the vector is not a well-formed CVSS 3.0/3.1 vector
   */
  public static BigDecimal baseScore(String vector) {
    if (vector == null || !(vector.startsWith("CVSS:3.0/") || vector.startsWith("CVSS:3.1/"))) {
      throw new IllegalArgumentException(
          "\"" + vector + "\" is not a CVSS 3.0 or 3.1 vector (CVSS:3.x/AV:.../A:...)");
    }
    Cvss cvss;
    try {
      cvss = Cvss.fromVector(vector);
    } catch (MalformedVectorException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\"" + vector + "\" is not a valid CVSS vector: " + e.getMessage(), e);
    }
    if (!(cvss instanceof CvssV3)) {
      throw new IllegalArgumentException("\"" + vector + "\" is not a valid CVSS 3.x vector");
    }
    return BigDecimal.valueOf(cvss.calculateScore().getBaseScore());
  }
}
