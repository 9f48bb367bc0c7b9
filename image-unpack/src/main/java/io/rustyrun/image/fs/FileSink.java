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

  /** Applies owner, mode, xattrs and times through the open file, then closes it. */
  void finish(Metadata metadata);

  /** Closes without applying metadata (after a failure); closing twice is harmless. */
  @Override
  void close();
}
