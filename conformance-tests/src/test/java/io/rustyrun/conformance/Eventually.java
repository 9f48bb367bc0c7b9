package io.rustyrun.conformance;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a probe until its value is acceptable or the time is up, and returns the last value so
 * the caller's assertion prints what was actually seen.
 *
 * <pre>{@code
 * String status = Eventually.poll(Duration.ofSeconds(10), () -> cli.state("c1").status(),
 *     "stopped"::equals);
 * assertThat(status).isEqualTo("stopped");    // fails with the last status seen
 * }</pre>
 */
final class Eventually {
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private Eventually() {}

  static <T> T poll(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = probe.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      RunningContainer.sleep(INTERVAL);
      value = probe.get();
    }
    return value;
  }
}
