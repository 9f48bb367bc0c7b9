package io.rustyrun.cli;

import io.rustyrun.image.core.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr for long unpacks: bytes and entries, redrawn at most
 * ten times a second, and only once the work has taken over a second (quick unpacks and
 * non-terminals print nothing, so logs stay clean).
 *
 * <pre>
 * unpacking: 84.2 MB, 5123 entries
 * </pre>
 *
 * <pre>{@code
 * TerminalProgress bar = new TerminalProgress(err, System::nanoTime);
 * options.withProgress(bar); ... bar.finish();
 * }</pre>
 */
final class TerminalProgress implements ProgressListener {
  private static final long DELAY_NANOS = 1_000_000_000L;
  private static final long INTERVAL_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastDraw;
  private boolean drawn;

  TerminalProgress(PrintWriter err, LongSupplier nanoTime) {
    this.err = err;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  @Override
  public void progress(long bytes, long entries) {
    long now = nanoTime.getAsLong();
    if (now - start < DELAY_NANOS || (drawn && now - lastDraw < INTERVAL_NANOS)) {
      return;
    }
    err.print(String.format(Locale.ROOT, "\runpacking: %.1f MB, %d entries\u001b[K",
        bytes / 1e6, entries));
    err.flush();
    lastDraw = now;
    drawn = true;
  }

  /** Erases the line if anything was drawn. */
  void finish() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
