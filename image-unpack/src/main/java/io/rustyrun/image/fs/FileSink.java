package io.rustyrun.image.fs;

import io.rustyrun.image.core.ImageUnpackException;

/**
 * A regular file being written: created empty with {@code O_CREAT|O_EXCL|O_NOFOLLOW}, filled,
 * then given its metadata through the same fd.
 *
 * <pre>{@code
 * try (FileSink sink = writer.createFile(dir, name).orElseThrow()) {
 *   sink.write(buf, 0, n);
 *   sink.finish(metadata);
 * }
 * }</pre>
 */
public interface FileSink extends AutoCloseable {
  /** Appends {@code len} bytes of {@code buf} from {@code off}. */
  void write(byte[] buf, int off, int len);

  /**
   * Appends {@code length} bytes of {@code source} from {@code position}. Writers that can copy
   * inside the kernel do, and may do it later, by {@link RootfsWriter#sync}; a source that ends
   * early fails this call or that one.
   */
  default void copyFrom(SourceFile source, long position, long length) {
    byte[] buffer = new byte[(int) Math.min(length, 256 * 1024)];
    long copied = 0;
    while (copied < length) {
      int n = source.read(position + copied, buffer, 0,
          (int) Math.min(buffer.length, length - copied));
      if (n == 0) {
        throw new ImageUnpackException("the image file ended " + (length - copied)
            + " bytes before the end of a file's data (was it changed while unpacking?)");
      }
      write(buffer, 0, n);
      copied += n;
    }
  }

  /**
   * Applies owner, mode, xattrs and times through the open file, then closes it; a writer may
   * do this later, by {@link RootfsWriter#sync}.
   */
  void finish(Metadata metadata);

  /** Closes without applying metadata (after a failure); closing twice is harmless. */
  @Override
  void close();
}
