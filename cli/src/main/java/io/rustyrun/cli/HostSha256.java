package io.rustyrun.cli;

import io.rustyrun.image.blob.Sha256;
import io.rustyrun.runtime.sys.Libcrypto;

/**
 * The SHA-256 engine rustyrun verifies images with: the host's libcrypto when it has one
 * ({@link Libcrypto}), the JDK otherwise. The library is opened at the first hash, so an unpack
 * that hashes nothing (a plain rootfs tarball) and help, which constructs every command, never
 * load it.
 *
 * <pre>{@code
 * new ImageUnpacker(writers, new HostSha256());
 * }</pre>
 */
final class HostSha256 implements Sha256.Engine {
  private volatile Sha256.Engine engine;

  @Override
  public Sha256 start() {
    Sha256.Engine chosen = engine;
    if (chosen == null) {
      chosen = Libcrypto.open().map(HostSha256::libcrypto).orElse(Sha256.Engine.JDK);
      engine = chosen;
    }
    return chosen.start();
  }

  private static Sha256.Engine libcrypto(Libcrypto crypto) {
    return () -> {
      Libcrypto.Sha256 sha = crypto.sha256();
      return new Sha256() {
        @Override
        public void update(byte[] buf, int off, int len) {
          sha.update(buf, off, len);
        }

        @Override
        public byte[] digest() {
          return sha.digest();
        }
      };
    };
  }
}
