package io.github.aksdevsecops.bootstrap.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading curl -i output and exit codes. */
class CurlTest {
  @Test
  void readsTheFinalResponseAfterAnInterimOne() {
    HttpReply reply =
        Curl.parse(
            0,
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 403 Forbidden\r\nX-Frame-Options: DENY\r\n"
                + "Content-Type: text/html\r\n\r\n<html>blocked</html>",
            "");
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("x-frame-options")).contains("DENY");
    assertThat(reply.body()).isEqualTo("<html>blocked</html>");
    assertThat(reply.describe()).isEqualTo("HTTP 403: <html>blocked</html>");
  }

  @Test
  void tellsNoConnectionFromAConnectionClosedWithoutAnswer() {
    HttpReply dropped =
        Curl.parse(28, "", "curl: (28) Connection timed out after 5001 milliseconds");
    assertThat(dropped.answered()).isFalse();
    assertThat(dropped.noConnection()).isTrue();
    assertThat(dropped.closedWithoutAnswer()).isFalse();
    assertThat(dropped.describe())
        .isEqualTo(
            "no HTTP answer (curl exit 28: curl: (28) Connection timed out after 5001 milliseconds)");
    HttpReply reset = Curl.parse(56, "", "curl: (56) Recv failure: Connection reset by peer");
    assertThat(reset.noConnection()).isFalse();
    assertThat(reset.closedWithoutAnswer()).isTrue();
  }

  @Test
  void everyRequestHasConnectAndTotalTimeouts() {
    assertThat(Curl.command("http://x/", java.util.List.of("-k")))
        .containsSubsequence("--connect-timeout", "5", "--max-time", "15", "-i", "-k", "http://x/");
  }
}
