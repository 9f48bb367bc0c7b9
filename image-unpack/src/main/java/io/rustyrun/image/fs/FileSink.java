package io.rustyrun.image.fs;

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
   * Appends {@code length} bytes of {@code source} from {@code position}; returns how many were
   * copied, fewer only where {@code source} ends. Writers that can copy inside the kernel do.
   */
  default long copyFrom(SourceFile source, long position, long length) {
    byte[] buffer = new byte[(int) Math.min(length, 256 * 1024)];
    long copied = 0;
    while (copied < length) {
      int n = source.read(position + copied, buffer, 0,
          (int) Math.min(buffer.length, length - copied));
      if (n == 0) {
        break;
      }
      write(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  /** Applies owner, mode, xattrs and times through the open file, then closes it. */
  void finish(Metadata metadata);

  /** Closes without applying metadata (after a failure); closing twice is harmless. */
  @Override
  void close();
}
