package io.rustyrun.runtime.cgroup;

/**
 * A cgroup freezer, v1 ({@link V1Freezer}) or v2 ({@link V2Freezer}).
 *
 * <pre>{@code
 * Freezer freezer = new V1Freezer(dir, Polling.FREEZE);
 * freezer.freeze();
 * }</pre>
 */
sealed interface Freezer permits V1Freezer, V2Freezer {
  void freeze();

  void thaw();

  FreezerState state();
}
