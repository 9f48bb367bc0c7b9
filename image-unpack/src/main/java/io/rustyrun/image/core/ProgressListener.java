package io.rustyrun.image.core;

/**
 * Receives unpack progress; the CLI draws a bar from it, tests count calls.
 *
 * <pre>{@code
 * ProgressListener bar = (bytes, entries) -> render(bytes, entries);
 * }</pre>
 *
 * <p>Called from the unpacking thread after each entry, so implementations must be cheap and
 * should throttle their own output.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (bytes, entries) -> { };

  /**
   * @param bytes uncompressed tar bytes consumed so far, over all layers
   * @param entries tar entries applied so far, over all layers
   */
  void progress(long bytes, long entries);
}
