package io.rustyrun.image.core;

/**
 * Counts bytes and entries over every layer of one unpack, enforces the {@link Limits} on them
 * and reports progress.
 *
 * <pre>{@code
 * UnpackBudget budget = new UnpackBudget(Limits.defaults(), ProgressListener.NONE);
 * budget.addBytes(512, "layer \"sha256:…\"");
 * budget.addEntry("layer \"sha256:…\"");
 * }</pre>
 *
 * <p>Not thread-safe: the unpacking thread owns it.
 */
public final class UnpackBudget {
  private final Limits limits;
  private final ProgressListener progress;
  private long bytes;
  private long entries;

  public UnpackBudget(Limits limits, ProgressListener progress) {
    this.limits = limits;
    this.progress = progress;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Accounts {@code count} uncompressed bytes read from {@code where}; this is what stops a gzip
   * or zstd bomb, since every decompressed byte passes here before it is used.
   */
  public void addBytes(long count, String where) {
    bytes += count;
    if (bytes > limits.maxTotalBytes()) {
      throw new LimitExceededException("--max-total-bytes", limits.maxTotalBytes(), where);
    }
  }

  /** Accounts one tar entry of {@code where} and reports progress. */
  public void addEntry(String where) {
    entries++;
    if (entries > limits.maxEntries()) {
      throw new LimitExceededException("--max-entries", limits.maxEntries(), where);
    }
    progress.progress(bytes, entries);
  }

  public long bytes() {
    return bytes;
  }

  public long entries() {
    return entries;
  }
}
