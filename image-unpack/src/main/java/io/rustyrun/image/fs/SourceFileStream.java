package io.rustyrun.image.fs;

import java.io.InputStream;

/**
 * A {@link SourceFile} as a stream whose {@link #skip} moves the position without reading: the
 * tar reader reads headers from it and skips the data a {@link FileSink} has copied in the
 * kernel.
 *
 * <pre>{@code
 * TarReader tar = new TarReader(new SourceFileStream(image, Files.size(path)), source, budget);
 * }</pre>
 */
public final class SourceFileStream extends InputStream {
  private final SourceFile file;
  private final long size;
  private long position;

  /** @param size the file's size: skips stop there, as reads do */
  public SourceFileStream(SourceFile file, long size) {
    this.file = file;
    this.size = size;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = file.read(position, buf, off, len);
    if (n == 0) {
      return -1;
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, size - position));
    position += skipped;
    return skipped;
  }
}
