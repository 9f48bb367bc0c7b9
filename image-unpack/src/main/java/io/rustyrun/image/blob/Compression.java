package io.rustyrun.image.blob;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Stream compressions, detected by magic bytes rather than by file name or media type.
 *
 * <pre>{@code
 * BufferedInputStream in = new BufferedInputStream(raw);
 * Compression c = Compression.detect(in);   // peeks, then resets
 * InputStream tar = c.decompress(in);
 * }</pre>
 *
 * <p>Every decompressor reads concatenated members/frames and checks its trailer (gzip CRC32
 * and ISIZE, zstd and xz checksums) when read to EOF, which the tar reader always does.
 */
public enum Compression {
  NONE(new byte[0]),
  GZIP(new byte[] {0x1f, (byte) 0x8b}),
  ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
  XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0});

  private static final int MAGIC_LENGTH = 6;

  private final byte[] magic;

  Compression(byte[] magic) {
    this.magic = magic;
  }

  /** Peeks at the first bytes of {@code in} (which must support mark/reset). */
  public static Compression detect(InputStream in) throws IOException {
    in.mark(MAGIC_LENGTH);
    byte[] head = in.readNBytes(MAGIC_LENGTH);
    in.reset();
    for (Compression c : new Compression[] {GZIP, ZSTD, XZ}) {
      if (head.length >= c.magic.length
          && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
        return c;
      }
    }
    return NONE;
  }

  /** The decompressed view of {@code in}. */
  public InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> GzipCompressorInputStream.builder()
          .setInputStream(in)
          .setDecompressConcatenated(true)
          .get();
      case ZSTD -> new ZstdInputStream(in).setContinuous(false);
      case XZ -> new XZCompressorInputStream(in, true);
    };
  }
}
