package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import io.github.aksdevsecops.bootstrap.verify.ProbeContext;
import io.github.aksdevsecops.bootstrap.verify.ProbeResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public host answers over TLS with the certificate cert-manager issued from the environment's
 * ClusterIssuer: the Certificate names that issuer and is Ready, and the served leaf is the one its
 * current revision's CertificateRequest was issued ({@code status.certificate}). The TLS Secret is
 * never read: it holds the private key, and verify's identity needs no right to it.
 */
public final class IngressTlsProbe extends IngressProbe {
  static final ResourceDefinitionContext CERTIFICATE =
      new ResourceDefinitionContext.Builder()
          .withGroup("cert-manager.io")
          .withVersion("v1")
          .withKind("Certificate")
          .withPlural("certificates")
          .withNamespaced(true)
          .build();

  static final ResourceDefinitionContext CERTIFICATE_REQUEST =
      new ResourceDefinitionContext.Builder()
          .withGroup("cert-manager.io")
          .withVersion("v1")
          .withKind("CertificateRequest")
          .withPlural("certificaterequests")
          .withNamespaced(true)
          .build();

  // Annotations cert-manager's certificates controller puts on the requests it creates.
  static final String CERTIFICATE_NAME = "cert-manager.io/certificate-name";
  static final String CERTIFICATE_REVISION = "cert-manager.io/certificate-revision";

  @Override
  ProbeResult run(ProbeContext ctx, PlatformFacts.Ingress ingress) throws InterruptedException {
    String ns = ctx.service().namespace();
    List<String> evidence = new ArrayList<>();
    GenericKubernetesResource certificate =
        ctx.client()
            .genericKubernetesResources(CERTIFICATE)
            .inNamespace(ns)
            .withName(ingress.tlsSecret())
            .get();
    if (certificate == null) {
      return ProbeResult.fail("no Certificate " + ns + "/" + ingress.tlsSecret());
    }
    String issuer = certificate.get("spec", "issuerRef", "name");
    boolean rightIssuer = ingress.issuer().equals(issuer);
    boolean ready = ready(certificate);
    evidence.add(
        "Certificate "
            + ingress.tlsSecret()
            + " from ClusterIssuer "
            + issuer
            + (rightIssuer ? "" : " (environment wants " + ingress.issuer() + ")")
            + (ready ? ", Ready" : ", NOT Ready"));
    Object revision = certificate.get("status", "revision");
    Optional<String> issued =
        revision == null ? Optional.empty() : issued(ctx, ns, ingress.tlsSecret(), revision);
    if (issued.isEmpty()) {
      evidence.add(
          "no issued CertificateRequest of revision "
              + revision
              + " of Certificate "
              + ns
              + "/"
              + ingress.tlsSecret());
      return new ProbeResult.Fail(evidence);
    }
    X509Certificate stored =
        certificate(
            new String(Base64.getMimeDecoder().decode(issued.get()), StandardCharsets.UTF_8));
    List<String> served = ctx.curl().certificates(ingress.url(ingress.path()), ingress.route());
    if (served.isEmpty()) {
      evidence.add("no certificate was presented for " + ingress.host());
      return new ProbeResult.Fail(evidence);
    }
    X509Certificate leaf = certificate(served.get(0));
    boolean same = leaf.equals(stored);
    evidence.add(
        ingress.host()
            + " presented "
            + leaf.getSubjectX500Principal().getName()
            + " issued by "
            + leaf.getIssuerX500Principal().getName()
            + ", valid until "
            + leaf.getNotAfter().toInstant()
            + (same ? ": the issued certificate" : ": NOT the certificate cert-manager issued"));
    return ProbeResult.of(rightIssuer && ready && same, evidence);
  }

  /** The certificate (base64 PEM) the request of {@code revision} of {@code name} was issued. */
  static Optional<String> issued(ProbeContext ctx, String ns, String name, Object revision) {
    for (GenericKubernetesResource request :
        ctx.client()
            .genericKubernetesResources(CERTIFICATE_REQUEST)
            .inNamespace(ns)
            .list()
            .getItems()) {
      Map<String, String> annotations =
          Optional.ofNullable(request.getMetadata().getAnnotations()).orElse(Map.of());
      if (name.equals(annotations.get(CERTIFICATE_NAME))
          && String.valueOf(revision).equals(annotations.get(CERTIFICATE_REVISION))) {
        Object pem = request.get("status", "certificate");
        if (pem != null) {
          return Optional.of(pem.toString());
        }
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  static boolean ready(GenericKubernetesResource certificate) {
    List<Map<String, Object>> conditions = certificate.get("status", "conditions");
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
  }

  static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalStateException("not a PEM certificate: " + e.getMessage(), e);
    }
  }
}
