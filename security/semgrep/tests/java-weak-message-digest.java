import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

class DigestSamples {
  byte[] fingerprint(byte[] data) throws NoSuchAlgorithmException {
    // ruleid: java-weak-message-digest
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    // ruleid: java-weak-message-digest
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    // ok: java-weak-message-digest
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    return sha256.digest(data);
  }
}
