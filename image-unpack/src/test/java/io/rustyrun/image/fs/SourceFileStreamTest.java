package io.rustyrun.image.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.image.core.ImageUnpackException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceFileStreamTest {
  private final byte[] data = new byte[10_000];
  private final List<Long> readsAt = new ArrayList<>();
  private final SourceFile file = new SourceFile() {
    @Override
    public int read(long position, byte[] buf, int off, int len) {
      readsAt.add(position);
      int n = (int) Math.max(0, Math.min(len, data.length - position));
      System.arraycopy(data, (int) position, buf, off, n);
      return n;
    }

    @Override
    public void close() {}
  };

  SourceFileStreamTest() {
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 13);
    }
  }

  @Test
  void skipMovesThePositionWithoutReadingAndStopsAtTheEnd() {
    SourceFileStream in = new SourceFileStream(file, data.length);
    byte[] header = new byte[512];

    assertThat(in.read(header, 0, 512)).isEqualTo(512);
    assertThat(in.skip(4096)).isEqualTo(4096);
    assertThat(in.read(header, 0, 512)).isEqualTo(512);

    assertThat(header).isEqualTo(Arrays.copyOfRange(data, 4608, 5120));
    assertThat(readsAt).containsExactly(0L, 4608L);
    assertThat(in.skip(100_000)).isEqualTo(data.length - 5120);
    assertThat(in.skip(1)).isZero();
    assertThat(in.read(header, 0, 512)).isEqualTo(-1);
  }

  @Test
  void theDefaultCopyAppendsTheRangeAndFailsWhereTheFileEndsEarly() {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    FileSink sink = new FileSink() {
      @Override
      public void write(byte[] buf, int off, int len) {
        written.write(buf, off, len);
      }

      @Override
      public void finish(Metadata metadata) {}

      @Override
      public void close() {}
    };

    sink.copyFrom(file, 1000, 3000);

    assertThat(written.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 1000, 4000));
    assertThatThrownBy(() -> sink.copyFrom(file, 9000, 2000))
        .isInstanceOf(ImageUnpackException.class)
        .hasMessageContaining("ended 1000 bytes before the end");
  }
}
