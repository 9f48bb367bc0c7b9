package io.rustyrun.image.fs;

/**
 * An image file open for reading at positions, opened by the {@link RootfsWriter} so that its
 * {@link FileSink}s can copy from it inside the kernel ({@code sendfile}) when the layer is the
 * file itself: a plain rootfs tarball, with nothing to decompress or hash.
 *
 * <pre>{@code
 * try (SourceFile image = writer.openSource(path)) {
 *   sink.copyFrom(image, dataOffset, size);
 * }
 * }</pre>
 */
public interface SourceFile extends AutoCloseable {
  /** Up to {@code len} bytes from {@code position}; 0 at the end of the file. */
  int read(long position, byte[] buf, int off, int len);

  @Override
  void close();
}
