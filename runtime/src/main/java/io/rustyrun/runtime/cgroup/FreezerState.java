package io.rustyrun.runtime.cgroup;

/**
 * The freezer state of a cgroup, as v1 {@code freezer.state} names it, e.g. {@code FROZEN} after
 * {@code pause}. {@code FREEZING} is the transition that a freeze waits out.
 */
public enum FreezerState {
  THAWED,
  FREEZING,
  FROZEN
}
