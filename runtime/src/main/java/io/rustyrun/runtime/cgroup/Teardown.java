package io.rustyrun.runtime.cgroup;

/**
 * How a manager waits and kills: the freeze and rmdir polling and the {@link TaskKiller}. The
 * defaults are the real ones; tests pass zero waits and a recording killer.
 *
 * <pre>{@code
 * new Teardown(Polling.FREEZE, Polling.REMOVE, TaskKiller.SIGKILL)   // == Teardown.DEFAULT
 * }</pre>
 */
record Teardown(Polling freeze, Polling remove, TaskKiller killer) {

  static final Teardown DEFAULT = new Teardown(Polling.FREEZE, Polling.REMOVE, TaskKiller.SIGKILL);
}
