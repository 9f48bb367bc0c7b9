package io.rustyrun.image.blob;

/**
 * A running SHA-256 computation: the seam through which the CLI hashes with the host's
 * libcrypto instead of the JDK.
 *
 * <pre>{@code
 * Sha256 sha = Sha256.Engine.JDK.start();
 * sha.update(buf, 0, n);
 * byte[] digest = sha.digest();   // 32 bytes
 * }</pre>
 *
 * <p>Why a seam: rustyrun's JVMs run C1 only (the launcher's flags, for start-up), and C1 has
 * no SHA-256 intrinsic. {@link java.security.MessageDigest} then hashes about 80 MB/s, against
 * well over 1 GB/s for OpenSSL's SHA-NI code, and an OCI layer is hashed twice (blob and
 * uncompressed diff_id): with the JDK engine hashing took most of an OCI unpack.
 */
public interface Sha256 {
  /** Adds {@code len} bytes of {@code buf} from {@code off}. */
  void update(byte[] buf, int off, int len);

  /** The digest of everything added; call once, at the end. */
  byte[] digest();

  /** Starts SHA-256 computations. */
  @FunctionalInterface
  interface Engine {
    /** The JDK's {@code MessageDigest}: always available. */
    Engine JDK = JdkSha256::new;

    Sha256 start();

    /** The digest of {@code data}, in one go. */
    default byte[] hash(byte[] data) {
      Sha256 sha = start();
      sha.update(data, 0, data.length);
      return sha.digest();
    }
  }
}
