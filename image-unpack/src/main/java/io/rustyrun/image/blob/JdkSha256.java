package io.rustyrun.image.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@link Sha256} through the JDK's {@link MessageDigest}.
 *
 * <pre>{@code
 * Sha256 sha = new JdkSha256();
 * }</pre>
 */
final class JdkSha256 implements Sha256 {
  private final MessageDigest digest;

  JdkSha256() {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void update(byte[] buf, int off, int len) {
    digest.update(buf, off, len);
  }

  @Override
  public byte[] digest() {
    return digest.digest();
  }
}
