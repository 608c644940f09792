package io.github.aksdevsecops.bootstrap.verify.probes;

import io.github.aksdevsecops.bootstrap.verify.PlatformFacts;
import java.util.ArrayList;
import java.util.List;

/** curl options for a request to the public host, sent to the ingress controller's Service. */
final class Ingresses {
  private Ingresses() {}

  /**
   * The host's name and SNI are kept, the connection goes to the controller's ClusterIP Service;
   * {@code -k} because the certificate is checked separately (against the issued Secret).
   */
  static List<String> options(PlatformFacts.Ingress ingress, String... more) {
    List<String> options = new ArrayList<>(ingress.route());
    options.add("-k");
    options.addAll(List.of(more));
    return options;
  }
}
