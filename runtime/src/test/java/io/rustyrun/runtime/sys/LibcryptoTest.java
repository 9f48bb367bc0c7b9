package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** libcrypto's SHA-256 against the JDK's, on the host's real library (skipped without one). */
class LibcryptoTest {
  private final Optional<Libcrypto> crypto = Libcrypto.open();

  @Test
  void hashesTheEmptyInputAsSha256Does() {
    assumeTrue(crypto.isPresent(), "no libcrypto.so.3 on this host");
    assertThat(HexFormat.of().formatHex(crypto.get().sha256().digest()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  /** Lengths around the 64-byte block and its padding, fed in uneven chunks at offsets. */
  @ParameterizedTest
  @CsvSource({"1, 1", "55, 7", "56, 56", "64, 13", "65, 64", "1000, 999", "1048577, 65536"})
  void matchesTheJdkForAnyChunking(int length, int chunk) throws Exception {
    assumeTrue(crypto.isPresent(), "no libcrypto.so.3 on this host");
    byte[] data = new byte[length + 3];
    new Random(length).nextBytes(data);
    Libcrypto.Sha256 sha = crypto.get().sha256();
    for (int off = 3; off < data.length; off += chunk) {
      sha.update(data, off, Math.min(chunk, data.length - off));
    }
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    jdk.update(data, 3, length);
    assertThat(sha.digest()).isEqualTo(jdk.digest());
  }
}
