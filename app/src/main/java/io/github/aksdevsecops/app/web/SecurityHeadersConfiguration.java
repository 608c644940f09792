package io.github.aksdevsecops.app.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Security headers sent on every response. The defaults suit a JSON API that is never framed, never
 * cached and never embedded; a fork may tighten them but validation refuses blank values, so a
 * header can be changed but not silently dropped. No value may contain CR or LF (header injection).
 */
@ConfigurationProperties("app.security-headers")
public record SecurityHeadersConfiguration(
    @Bindable(defaultValue = "max-age=63072000; includeSubDomains")
        @NotBlank
        @Pattern(regexp = SAFE)
        String strictTransportSecurity,
    @Bindable(defaultValue = "default-src 'none'; frame-ancestors 'none'")
        @NotBlank
        @Pattern(regexp = SAFE)
        String contentSecurityPolicy,
    @Bindable(defaultValue = "DENY") @Pattern(regexp = "DENY|SAMEORIGIN") String frameOptions,
    @Bindable(defaultValue = "no-referrer") @NotBlank @Pattern(regexp = SAFE) String referrerPolicy,
    @Bindable(
            defaultValue =
                "accelerometer=(), camera=(), geolocation=(), microphone=(), payment=(), usb=()")
        @NotBlank
        @Pattern(regexp = SAFE)
        String permissionsPolicy,
    @Bindable(defaultValue = "same-origin") @NotBlank @Pattern(regexp = SAFE)
        String crossOriginOpenerPolicy,
    @Bindable(defaultValue = "same-origin") @NotBlank @Pattern(regexp = SAFE)
        String crossOriginResourcePolicy,
    @Bindable(defaultValue = "require-corp") @NotBlank @Pattern(regexp = SAFE)
        String crossOriginEmbedderPolicy,
    @Bindable(defaultValue = "no-store") @NotBlank @Pattern(regexp = SAFE) String cacheControl) {

  static final String SAFE = "[^\\r\\n]+";

  /** Header name to value, in a stable order. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Strict-Transport-Security", strictTransportSecurity);
    headers.put("Content-Security-Policy", contentSecurityPolicy);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", frameOptions);
    headers.put("Referrer-Policy", referrerPolicy);
    headers.put("Permissions-Policy", permissionsPolicy);
    headers.put("Cross-Origin-Opener-Policy", crossOriginOpenerPolicy);
    headers.put("Cross-Origin-Resource-Policy", crossOriginResourcePolicy);
    headers.put("Cross-Origin-Embedder-Policy", crossOriginEmbedderPolicy);
    headers.put("Cache-Control", cacheControl);
    return Map.copyOf(headers);
  }
}
