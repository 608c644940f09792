package io.github.aksdevsecops.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeRolesFinderTest {

  private final ScopeRolesFinder finder = new ScopeRolesFinder();

  @Test
  void splitsDelegatedScopesAndKeepsAppRoles() {
    assertThat(finder.resolveRoles(Map.of("scp", " openid  items.read items.write ")))
        .isEqualTo(List.of("openid", "items.read", "items.write"));
    assertThat(finder.resolveRoles(Map.of("roles", List.of("items.read", 42))))
        .isEqualTo(List.of("items.read"));
    assertThat(finder.resolveRoles(Map.of("scp", 7))).isEmpty();
  }
}
