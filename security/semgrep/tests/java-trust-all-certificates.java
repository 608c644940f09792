import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

class TrustAllManager implements X509TrustManager {
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  // ruleid: java-trust-all-certificates
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}

class PinnedTrustManager implements X509TrustManager {
  private final X509TrustManager delegate;

  PinnedTrustManager(X509TrustManager delegate) {
    this.delegate = delegate;
  }

  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  // ok: java-trust-all-certificates
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }

  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}

class AnyHost implements HostnameVerifier {
  // ruleid: java-trust-all-certificates
  public boolean verify(String hostname, SSLSession session) { return true; }
}

class Setup {
  void configure(HttpsURLConnection connection, HostnameVerifier strict) {
    // ruleid: java-trust-all-certificates
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
    // ok: java-trust-all-certificates
    connection.setHostnameVerifier(strict);
  }
}
