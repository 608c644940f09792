package io.github.aksdevsecops.app.support;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

/** Calls the items API of a running server with a token of the given scopes. */
public record Api(URI base) {

  public static Api on(int port) {
    return new Api(URI.create("http://127.0.0.1:" + port));
  }

  /** Status of a GET with the given bearer token, as it is (no token is added). */
  public int statusWithToken(String path, String token) {
    return Http.send(Http.request(base, path).header("Authorization", "Bearer " + token).GET())
        .statusCode();
  }

  public HttpResponse<String> call(String method, String path, String scopes, String json) {
    var request =
        Http.request(base, path)
            .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
    if (scopes != null) {
      request.header("Authorization", "Bearer " + Jwks.get().token(scopes));
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return Http.send(request);
  }
}
