package io.github.aksdevsecops.app.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Entra ID puts delegated permissions in {@code scp} (one space-separated string) and application
 * permissions in {@code roles} (an array). Both become roles, so {@code @Secured("items.read")}
 * works for a user calling through a client and for a workload calling with its own identity.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
class ScopeRolesFinder implements RolesFinder {

  @Override
  public List<String> resolveRoles(Map<String, Object> attributes) {
    List<String> roles = new ArrayList<>();
    Object scp = attributes.get("scp");
    if (scp instanceof String scopes) {
      for (String scope : scopes.trim().split("\\s+")) {
        if (!scope.isEmpty()) {
          roles.add(scope);
        }
      }
    }
    Object appRoles = attributes.get("roles");
    if (appRoles instanceof Collection<?> values) {
      values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
    } else if (appRoles instanceof String role) {
      roles.add(role);
    }
    return List.copyOf(roles);
  }
}
