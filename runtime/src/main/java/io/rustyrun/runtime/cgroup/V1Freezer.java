package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;

/**
 * The cgroup v1 freezer ({@code Documentation/admin-guide/cgroup-v1/freezer-subsystem.rst}):
 * writing {@code FROZEN} to {@code freezer.state} starts the freeze, which is done when the file
 * reads {@code FROZEN} instead of {@code FREEZING}.
 *
 * <pre>{@code
 * V1Freezer freezer = new V1Freezer(dir, Polling.FREEZE);
 * freezer.freeze();
 * freezer.state();   // FROZEN
 * }</pre>
 */
final class V1Freezer implements Freezer {
  private static final String STATE = "freezer.state";

  /** How often runc thaws a freeze that does not finish, to let stuck tasks move on. */
  private static final int THAW_EVERY = 50;

  private final Path dir;
  private final CgroupFile file;
  private final Polling polling;

  V1Freezer(Path dir, Polling polling) {
    this.dir = dir;
    this.file = new CgroupFile(dir, STATE);
    this.polling = polling;
  }

  /**
   * Freezes, re-writing {@code FROZEN} while the state is {@code FREEZING}: a task that forks
   * during the freeze can be missed and the write makes the kernel retry. A task can also stay
   * stuck (in a vfork, say) until thawed, hence the occasional thaw (runc's {@code freezeWithRetry}).
   */
  @Override
  public void freeze() {
    for (int attempt = 1; attempt <= polling.attempts(); attempt++) {
      if (attempt % THAW_EVERY == 0) {
        file.write("THAWED", "thaw a stuck freeze");
        polling.pause();
      }
      file.write("FROZEN", "freeze the container");
      FreezerState state = state();
      if (state == FreezerState.FROZEN) {
        return;
      }
      if (state != FreezerState.FREEZING) {
        throw new CgroupException("cannot freeze the container: \"" + dir.resolve(STATE) + "\" reads " + state + " after writing FROZEN");
      }
      polling.pause();
    }
    // Left FREEZING, the container would be half-stopped: better running than stuck.
    file.write("THAWED", "thaw after a failed freeze");
    throw new CgroupException("cannot freeze the container: \"" + dir.resolve(STATE) + "\" still reads FREEZING after "
        + polling.attempts() + " attempts");
  }

  @Override
  public void thaw() {
    for (int attempt = 1; attempt <= polling.attempts(); attempt++) {
      file.write("THAWED", "thaw the container");
      if (state() == FreezerState.THAWED) {
        return;
      }
      polling.pause();
    }
    throw new CgroupException("cannot thaw the container: \"" + dir.resolve(STATE) + "\" does not read THAWED after "
        + polling.attempts() + " attempts");
  }

  @Override
  public FreezerState state() {
    String text = file.read("read the freezer state");
    try {
      return FreezerState.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new CgroupException("cannot read the freezer state: \"" + dir.resolve(STATE) + "\" holds \"" + text + "\"", e);
    }
  }
}
