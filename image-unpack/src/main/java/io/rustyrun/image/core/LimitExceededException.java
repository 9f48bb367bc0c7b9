package io.rustyrun.image.core;

/**
 * An image went over one of the configured {@link Limits}: a decompression bomb, a huge PAX
 * header, too many entries. Separate from {@link ImageUnpackException}'s other failures so the
 * CLI can hint at the flag that raises the limit.
 *
 * <pre>{@code
 * throw new LimitExceededException("--max-total-bytes", limits.maxTotalBytes(), "layer \"sha256:…\"");
 * }</pre>
 */
public final class LimitExceededException extends ImageUnpackException {
  private static final long serialVersionUID = 1L;

  private final String flag;

  /**
   * @param flag the CLI flag that raises this limit, e.g. {@code --max-entries}
   * @param limit the limit that was hit
   * @param where what was being read, already quoted
   */
  public LimitExceededException(String flag, long limit, String where) {
    super(where + ": exceeds the limit of " + limit + " (" + flag + ")");
    this.flag = flag;
  }

  /** The CLI flag that raises the limit, for the hint. */
  public String flag() {
    return flag;
  }
}
