package io.github.aksdevsecops.app.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.text.ParseException;
import java.util.Date;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Micronaut's JWT validator with {@link TokenCache} in front. A miss runs the unchanged validator
 * (parse, signature against the JWKS, every claims validator); only its successes are cached.
 */
final class CachingTokenValidator<R> implements ReactiveJsonWebTokenValidator<JWT, R> {

  private final ReactiveJsonWebTokenValidator<JWT, R> delegate;
  private final JwtAuthenticationFactory authentications;
  private final TokenCache cache;

  CachingTokenValidator(
      ReactiveJsonWebTokenValidator<JWT, R> delegate,
      JwtAuthenticationFactory authentications,
      TokenCache cache) {
    this.delegate = delegate;
    this.authentications = authentications;
    this.cache = cache;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, @Nullable R request) {
    String key = TokenCache.key(token);
    Optional<Authentication> cached = cache.lookup(key);
    if (cached.isPresent()) {
      return Mono.just(cached.get());
    }
    return Mono.from(delegate.validate(token, request))
        .flatMap(
            jwt ->
                Mono.justOrEmpty(authentications.createAuthentication(jwt))
                    .doOnNext(authentication -> remember(key, jwt, authentication)));
  }

  @Override
  public Publisher<JWT> validate(String token, @Nullable R request) {
    return delegate.validate(token, request);
  }

  @Override
  public int getOrder() {
    return delegate.getOrder();
  }

  private void remember(String key, JWT jwt, Authentication authentication) {
    try {
      Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
      if (expiry != null) {
        cache.store(key, authentication, expiry.toInstant());
      }
    } catch (ParseException e) {
      // the validator parsed these claims already; an unreadable set is simply not cached
    }
  }
}
