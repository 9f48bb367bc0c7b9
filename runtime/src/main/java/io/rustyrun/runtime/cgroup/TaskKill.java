package io.rustyrun.runtime.cgroup;

import java.util.List;
import java.util.Optional;

/**
 * Kills the tasks left in a cgroup before its removal: freeze, SIGKILL each, thaw (runc's {@code
 * signalAllProcesses}). Frozen tasks cannot fork, so no child escapes the list; SIGKILL is
 * delivered on thaw.
 *
 * <pre>{@code
 * TaskKill.killAll(List.of(4242L), Optional.of(freezer), Teardown.DEFAULT);
 * }</pre>
 */
final class TaskKill {
  private TaskKill() {}

  static void killAll(List<Long> pids, Optional<? extends Freezer> freezer, Teardown teardown) {
    long self = ProcessHandle.current().pid();
    if (pids.contains(self)) {
      throw new CgroupException("cannot destroy the cgroup: it holds this rustyrun process (pid " + self + ")");
    }
    freezer.ifPresent(Freezer::freeze);
    try {
      pids.forEach(teardown.killer()::kill);
    } finally {
      freezer.ifPresent(Freezer::thaw);
    }
  }
}
