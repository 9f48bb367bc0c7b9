package io.rustyrun.runtime.cgroup;

import java.time.Duration;

/**
 * How long to wait for the kernel to finish something asynchronous (a freeze, the exit of
 * killed tasks before rmdir): {@code attempts} checks, {@code interval} apart.
 *
 * <pre>{@code
 * new Polling(1000, Duration.ofMillis(1))   // a freeze: up to about a second
 * }</pre>
 */
record Polling(int attempts, Duration interval) {

  /** runc's freezer loop does 1000 attempts with short sleeps. */
  static final Polling FREEZE = new Polling(1000, Duration.ofMillis(1));

  /** rmdir after the last task exited: runc retries 5 times with growing delays (about 1.5 s). */
  static final Polling REMOVE = new Polling(10, Duration.ofMillis(100));

  void pause() {
    if (interval.isZero()) {
      return;
    }
    try {
      Thread.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CgroupException("interrupted while waiting for the cgroup", e);
    }
  }
}
