package io.rustyrun.runtime.process;

import io.rustyrun.runtime.sys.Syscalls;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The per-stage timeline that {@code RUSTYRUN_TRACE=1} or {@code --debug} prints on stderr:
 * milliseconds since the host JVM started, on the monotonic clock that {@link System#nanoTime}
 * reads in every JVM of the chain, so host, child and init lines line up.
 *
 * <pre>
 * rustyrun: trace:   212.4 ms host: spec parsed and validated
 * rustyrun: trace:   498.0 ms child: namespaces created
 * rustyrun: trace:   901.7 ms init: pivot_root done
 * </pre>
 */
public final class Trace {
  private static final long OFF = 0;

  private final Syscalls syscalls;
  private final long origin;
  private final String stage;

  /**
   * @param origin {@code System.nanoTime()} at the host JVM's start, or 0 for no tracing
   * @param stage "host", "child" or "init"
   */
  public Trace(Syscalls syscalls, long origin, String stage) {
    this.syscalls = syscalls;
    this.origin = origin;
    this.stage = stage;
  }

  /** A trace that prints nothing. */
  public static Trace off(Syscalls syscalls) {
    return new Trace(syscalls, OFF, "");
  }

  /** The origin to hand to the next stage. */
  public long origin() {
    return origin;
  }

  /** Prints one timeline line for {@code step}. */
  public void step(String step) {
    if (origin == OFF) {
      return;
    }
    double ms = (System.nanoTime() - origin) / 1e6;
    String line = String.format(Locale.ROOT, "rustyrun: trace: %8.1f ms %s: %s%n", ms, stage, step);
    syscalls.write(2, line.getBytes(StandardCharsets.UTF_8));
  }
}
