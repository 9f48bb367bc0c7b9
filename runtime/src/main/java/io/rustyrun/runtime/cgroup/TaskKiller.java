package io.rustyrun.runtime.cgroup;

/**
 * Sends SIGKILL to a task left in a cgroup that is being destroyed; a seam so tests on jimfs need
 * not kill anything.
 *
 * <pre>{@code
 * TaskKiller.SIGKILL.kill(4242);
 * }</pre>
 */
@FunctionalInterface
interface TaskKiller {

  /** The JDK's {@code kill(pid, SIGKILL)}; it checks the start time, so a reused pid is spared. */
  TaskKiller SIGKILL = pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

  void kill(long pid);
}
