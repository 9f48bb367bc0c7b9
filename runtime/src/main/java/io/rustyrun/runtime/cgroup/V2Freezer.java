package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;

/**
 * The cgroup v2 freezer (Linux 5.2+): {@code cgroup.freeze} asks, the {@code frozen} key of
 * {@code cgroup.events} says when every task is stopped.
 *
 * <pre>{@code
 * V2Freezer freezer = new V2Freezer(dir, Polling.FREEZE);
 * freezer.freeze();   // cgroup.freeze = "1", then waits for "frozen 1"
 * }</pre>
 */
final class V2Freezer implements Freezer {
  private final CgroupFile freeze;
  private final CgroupFile events;
  private final Polling polling;

  V2Freezer(Path dir, Polling polling) {
    this.freeze = new CgroupFile(dir, "cgroup.freeze");
    this.events = new CgroupFile(dir, "cgroup.events");
    this.polling = polling;
  }

  @Override
  public void freeze() {
    change("1", FreezerState.FROZEN, "freeze the container");
  }

  @Override
  public void thaw() {
    change("0", FreezerState.THAWED, "thaw the container");
  }

  private void change(String value, FreezerState wanted, String what) {
    if (!freeze.exists()) {
      throw new CgroupException("cannot " + what + ": \"" + freeze.path() + "\" does not exist (the v2 freezer needs Linux 5.2)");
    }
    freeze.write(value, what);
    for (int attempt = 1; attempt <= polling.attempts(); attempt++) {
      if (state() == wanted) {
        return;
      }
      polling.pause();
    }
    throw new CgroupException("cannot " + what + ": \"" + events.path() + "\" does not report it after "
        + polling.attempts() + " attempts");
  }

  @Override
  public FreezerState state() {
    if (!freeze.exists() || freeze.read("read the freezer state").equals("0")) {
      return FreezerState.THAWED;
    }
    boolean frozen = events.keyed("frozen", "read the freezer state").orElse(0L) == 1;
    return frozen ? FreezerState.FROZEN : FreezerState.FREEZING;
  }
}
