package io.github.aksdevsecops.bootstrap.verify.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.github.aksdevsecops.bootstrap.verify.Curl;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public host through the ingress controller: the served certificate against the issued one
 * (real X.509 certificates made by keytool), the security headers, the WAF.
 */
@EnableKubernetesMockClient
class IngressProbesTest extends ProbeTestBase {
  static String issued;
  static String other;

  @BeforeAll
  static void certificates(@TempDir Path dir) throws Exception {
    issued = certificate(dir, "issued");
    other = certificate(dir, "other");
  }

  /** A self-signed certificate in PEM, made by the JDK's keytool (with a timeout). */
  static String certificate(Path dir, String name) throws Exception {
    Path keystore = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=api.staging.devsecops.example.com",
        "-validity",
        "2",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-storetype",
        "PKCS12");
    Path pem = dir.resolve(name + ".pem");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        name,
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    return Files.readString(pem, StandardCharsets.US_ASCII);
  }

  static void run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(new String(p.getInputStream().readAllBytes()));
    }
  }

  @BeforeEach
  void probePod() {
    api.readyProbePod();
  }

  /**
   * The TLS probe once {@code issuer} has issued the Secret's certificate and {@code served} is
   * served.
   */
  ProbeResult tls(String issuer, String served) throws Exception {
    issuedBy(issuer, "True", issued);
    serves(served);
    return run("ingress.tls");
  }

  void issuedBy(String issuer, String ready, String certificate) {
    PlatformFacts.Ingress in = ingress();
    String ns = service().namespace();
    api.object(
        "/apis/cert-manager.io/v1/namespaces/" + ns + "/certificates/" + in.tlsSecret(),
        new GenericKubernetesResourceBuilder()
            .withApiVersion("cert-manager.io/v1")
            .withKind("Certificate")
            .withNewMetadata()
            .withName(in.tlsSecret())
            .withNamespace(ns)
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("issuerRef", Map.of("name", issuer)))
            .addToAdditionalProperties(
                "status",
                Map.of(
                    "revision", 2, "conditions", List.of(Map.of("type", "Ready", "status", ready))))
            .build());
    // Revision 1's request (an earlier certificate), revision 2's (the current one), and a
    // request of another Certificate: only the current revision's counts.
    var requests = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceList();
    requests.setItems(
        List.of(
            request(in.tlsSecret(), "1", other),
            request(in.tlsSecret(), "2", certificate),
            request("another-tls", "2", other)));
    api.server
        .expect()
        .get()
        .withPath("/apis/cert-manager.io/v1/namespaces/" + ns + "/certificaterequests")
        .andReturn(200, requests)
        .always();
  }

  static io.fabric8.kubernetes.api.model.GenericKubernetesResource request(
      String certificate, String revision, String pem) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("cert-manager.io/v1")
        .withKind("CertificateRequest")
        .withNewMetadata()
        .withName(certificate + "-" + revision)
        .addToAnnotations("cert-manager.io/certificate-name", certificate)
        .addToAnnotations("cert-manager.io/certificate-revision", revision)
        .endMetadata()
        .addToAdditionalProperties(
            "status",
            Map.of(
                "certificate",
                Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  void serves(String certificate) {
    PlatformFacts.Ingress in = ingress();
    api.exec(
        "verify-probe",
        Curl.certificatesCommand(in.url(in.path()), in.route()),
        "Subject:CN = api.staging.devsecops.example.com\nCert:" + certificate,
        "",
        0);
  }

  @Test
  void tlsPassesWithTheIssuedCertificateFromTheEnvironmentsIssuer() throws Exception {
    assertThat(ingress().issuer()).isEqualTo("letsencrypt-staging");
    ProbeResult result = tls("letsencrypt-staging", issued);
    assertThat(result).as(result.evidence().toString()).isInstanceOf(ProbeResult.Pass.class);
    assertThat(result.evidence().get(0))
        .isEqualTo("Certificate devsecops-app-tls from ClusterIssuer letsencrypt-staging, Ready");
    assertThat(result.evidence().get(1))
        .startsWith(
            "api.staging.devsecops.example.com presented CN=api.staging.devsecops.example.com")
        .endsWith(": the issued certificate");
    assertThat(api.requests()).noneMatch(r -> r.contains("/secrets"));
  }

  @Test
  void tlsFailsWhenAnotherCertificateIsServed() throws Exception {
    ProbeResult result = tls("letsencrypt-staging", other);
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(1)).endsWith("NOT the certificate cert-manager issued");
  }

  @Test
  void tlsFailsWhenTheCertificateComesFromAnotherIssuer() throws Exception {
    ProbeResult result = tls("letsencrypt-production", issued);
    assertThat(result).isInstanceOf(ProbeResult.Fail.class);
    assertThat(result.evidence().get(0)).contains("(environment wants letsencrypt-staging)");
  }

  String headers(Map<String, String> present) {
    return present.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue() + "\r\n")
        .collect(Collectors.joining());
  }

  @Test
  void headersPassWhenEveryConfiguredHeaderIsThere() throws Exception {
    PlatformFacts.Ingress in = ingress();
    assertThat(in.headers())
        .containsEntry("X-Frame-Options", "DENY")
        .containsEntry("Strict-Transport-Security", "max-age=63072000");
    Map<String, String> sent = new java.util.LinkedHashMap<>(in.headers());
    sent.put("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    api.curl(in.url(in.path()), Ingresses.options(in), http(401, headers(sent), "{}"));
    ProbeResult result = passes("ingress.headers");
  }

  @Test
  void headersFailNamingTheMissingOne() throws Exception {
    PlatformFacts.Ingress in = ingress();
    Map<String, String> sent = new java.util.LinkedHashMap<>(in.headers());
    sent.remove("Content-Security-Policy");
    api.curl(in.url(in.path()), Ingresses.options(in), http(401, headers(sent), "{}"));
    ProbeResult result = fails("ingress.headers");
    assertThat(result.evidence()).anyMatch(e -> e.startsWith("Content-Security-Policy: MISSING"));
  }

  @Test
  void wafPassesOn403() throws Exception {
    PlatformFacts.Ingress in = ingress();
    api.curl(
        in.url(in.path() + WafProbe.PAYLOAD),
        Ingresses.options(in),
        http(403, "", "<html><head><title>403 Forbidden</title></head></html>"));
    ProbeResult result = passes("ingress.waf");
    assertThat(result.evidence().get(0)).contains("(script injection): HTTP 403");
  }

  @Test
  void wafFailsWhenThePayloadGetsThrough() throws Exception {
    PlatformFacts.Ingress in = ingress();
    api.curl(in.url(in.path() + WafProbe.PAYLOAD), Ingresses.options(in), http(401, "", "{}"));
    ProbeResult result = fails("ingress.waf");
  }
}
