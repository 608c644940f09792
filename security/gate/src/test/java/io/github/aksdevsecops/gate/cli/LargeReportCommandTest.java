package io.github.aksdevsecops.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Generates the 10,000-finding Trivy report that scripts/benchmark-security-gate.sh times, and
 * checks the gate decides it correctly (no timing here: the benchmark script prints the figures).
 */
class LargeReportCommandTest {
  static final int FINDINGS = 10_000;
  static final Path REPORT = Path.of("target", "benchmark", "trivy-10000.json");

  /** Vector-only findings cycle through these (vector, published base score). */
  static final String[][] VECTORS = {
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "7.5"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", "5.3"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.0"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:N/A:N", "3.4"},
  };

  @Test
  void decidesTenThousandFindings() throws IOException {
    int[] expected = generate(REPORT);

    Cli.Run run = Cli.run("--report", REPORT.toString(), "--now", Cli.NOW, "--output", "json");

    JsonNode counts = run.json().get("counts");
    assertThat(run.code()).isEqualTo(ExitCodes.BLOCK);
    assertThat(run.json().get("findings")).hasSize(FINDINGS);
    assertThat(counts.get("block").asInt()).isEqualTo(expected[0]);
    assertThat(counts.get("warn").asInt()).isEqualTo(expected[1]);
    assertThat(counts.get("log").asInt()).isEqualTo(expected[2]);
    assertThat(run.json().get("tickets")).hasSize(expected[1]);
  }

  /** Writes the report; returns the expected block, warn and log counts. */
  static int[] generate(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    int[] counts = new int[3];
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeNumberField("SchemaVersion", 2);
      json.writeStringField("ArtifactName", "aksdevsecops/devsecops-app:benchmark");
      json.writeStringField("ArtifactType", "container_image");
      json.writeArrayFieldStart("Results");
      int perTarget = FINDINGS / 10;
      for (int t = 0; t < 10; t++) {
        json.writeStartObject();
        json.writeStringField("Target", "app/libs/module-" + t + ".jar");
        json.writeStringField("Class", "lang-pkgs");
        json.writeStringField("Type", "jar");
        json.writeArrayFieldStart("Vulnerabilities");
        for (int i = t * perTarget; i < (t + 1) * perTarget; i++) {
          String score = vulnerability(json, i);
          double s = Double.parseDouble(score);
          counts[s >= 9.0 ? 0 : s >= 7.0 ? 1 : 2]++;
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return counts;
  }

  private static String vulnerability(JsonGenerator json, int i) throws IOException {
    String id = String.format(java.util.Locale.ROOT, "CVE-2099-%05d", 10_000 + i);
    String pkg = "org.example:library-" + (i % 700);
    json.writeStartObject();
    json.writeStringField("VulnerabilityID", id);
    json.writeStringField("PkgName", pkg);
    json.writeStringField("InstalledVersion", "1." + (i % 13) + "." + (i % 7));
    json.writeStringField("FixedVersion", "2.0.0");
    json.writeStringField("Status", "fixed");
    json.writeStringField("SeveritySource", "nvd");
    json.writeStringField(
        "PrimaryURL", "https://avd.aquasec.com/nvd/" + id.toLowerCase(java.util.Locale.ROOT));
    json.writeStringField("Title", pkg + ": generated benchmark vulnerability " + id);
    json.writeStringField(
        "Description",
        "A generated finding of realistic size for the benchmark: the library mishandles crafted"
            + " input, which lets a remote attacker cause a denial of service or read data it"
            + " should not. Upgrade to the fixed version.");
    json.writeStringField("Severity", "HIGH");
    json.writeArrayFieldStart("References");
    json.writeString("https://nvd.nist.gov/vuln/detail/" + id);
    json.writeString("https://github.com/advisories/" + id);
    json.writeEndArray();
    json.writeObjectFieldStart("CVSS");
    String score;
    if (i % 10 == 0) {
      String[] vector = VECTORS[(i / 10) % VECTORS.length];
      json.writeObjectFieldStart("redhat");
      json.writeStringField("V3Vector", vector[0]);
      json.writeEndObject();
      score = vector[1];
    } else {
      score = String.valueOf((i % 101) / 10.0);
      json.writeObjectFieldStart("nvd");
      json.writeStringField("V2Vector", "AV:N/AC:L/Au:N/C:P/I:P/A:P");
      json.writeNumberField("V2Score", 7.5);
      json.writeStringField("V3Vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
      json.writeNumberField("V3Score", Double.parseDouble(score));
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
    return score;
  }
}
