package io.github.aksdevsecops.app.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeRolesFinderTest {

  private final ScopeRolesFinder finder = new ScopeRolesFinder();

  @Test
  void splitsDelegatedScopesAndKeepsAppRoles() {
    assertEquals(
        List.of("openid", "items.read", "items.write"),
        finder.resolveRoles(Map.of("scp", " openid  items.read items.write ")));
    assertEquals(
        List.of("items.read"), finder.resolveRoles(Map.of("roles", List.of("items.read", 42))));
    assertEquals(List.of(), finder.resolveRoles(Map.of("scp", 7)));
  }
}
