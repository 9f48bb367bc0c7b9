package io.rustyrun.image.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  private static final int CHUNK = 256 * 1024;

  /** Many more chunks than buffers exist: a buffer refilled while still being read would show. */
  @Test
  void deliversEveryByteInOrderWhileReusingBuffers() throws IOException {
    byte[] data = pattern(30 * CHUNK + 12345);
    AtomicBoolean atEnd = new AtomicBoolean();
    byte[] copy = new byte[data.length];
    try (ReadAhead ahead = new ReadAhead(new ByteArrayInputStream(data), () -> atEnd.set(true), "test")) {
      int done = 0;
      byte[] buf = new byte[100_003]; // straddles chunk boundaries
      for (int n = ahead.read(buf, 0, buf.length); n > 0; n = ahead.read(buf, 0, buf.length)) {
        System.arraycopy(buf, 0, copy, done, n);
        done += n;
        Thread.onSpinWait();
      }
      assertThat(done).isEqualTo(data.length);
    }
    assertThat(copy).isEqualTo(data);
    assertThat(atEnd).isTrue();
  }

  @Test
  void aFailureAtTheEndReachesTheConsumerAsItsLastRead() {
    byte[] data = pattern(3 * CHUNK);
    try (ReadAhead ahead = new ReadAhead(new ByteArrayInputStream(data),
        () -> { throw new IOException("digest mismatch"); }, "test")) {
      assertThatThrownBy(() -> ahead.transferTo(OutputStream.nullOutputStream()))
          .isInstanceOf(IOException.class)
          .hasMessage("digest mismatch");
    }
  }

  private static byte[] pattern(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31 + (i >>> 18));
    }
    return data;
  }
}
