package io.github.aksdevsecops.bootstrap.assets;

/**
 * The catalog the generated-secrets tests of every layer read (parsing, rendering, executing): one
 * step {@code kind-secrets} writing Secret monitoring/grafana-admin.
 */
public final class SecretsCatalogs {
  private SecretsCatalogs() {}

  /**
   * With a fixed {@code admin-user}, a 32-character random {@code admin-password}, then {@code
   * moreKeys} as written under {@code keys:} (e.g. {@code "config: {file: config.yaml}"}).
   */
  public static String grafanaAdmin(String adminUser, String... moreKeys) {
    StringBuilder yaml =
        new StringBuilder(
            """
            components:
              - id: kind-secrets
                secrets:
                  - namespace: monitoring
                    name: grafana-admin
                    keys:
            """);
    yaml.append("          admin-user: {value: ").append(adminUser).append("}\n");
    yaml.append("          admin-password: {random: 32}\n");
    for (String key : moreKeys) {
      yaml.append("          ").append(key).append('\n');
    }
    return yaml.toString();
  }
}
