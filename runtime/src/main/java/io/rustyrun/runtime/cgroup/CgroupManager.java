package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cgroup(s) of one container: created before its init runs, limited, frozen by {@code
 * pause}, updated by {@code update}, removed by {@code delete}. Implemented by {@link
 * CgroupV1Manager} (v1 and hybrid hosts) and {@link CgroupV2Manager}.
 *
 * <pre>{@code
 * CgroupManager cgroup = host.manager(CgroupPath.of("/libpod_parent/libpod-abc", "abc"));
 * cgroup.create();
 * cgroup.apply(resources);
 * cgroup.addProcess(initPid);   // before init execs the user program
 * ...
 * if (cgroup.oomKilled()) { ... }
 * cgroup.destroy();
 * }</pre>
 *
 * <p>Every method throws {@link CgroupException} naming the file, the value and the kernel's
 * reason.
 */
public interface CgroupManager {

  /**
   * The container's directory in each hierarchy, keyed by {@link CgroupLayout.Hierarchy#name()}
   * ({@code memory}, {@code cpu,cpuacct}, {@code name=systemd}; the empty string on v2). Store
   * these with the container: a later {@code delete} may run in another cgroup, where a
   * relative {@code cgroupsPath} would resolve elsewhere.
   */
  Map<String, Path> directories();

  /** Creates the directories (and their parents); an existing cgroup is reused. */
  void create();

  /** Writes every limit that is set; {@code null} parts and an empty device list change nothing. */
  void apply(CgroupResources resources);

  /** Moves a process, with all its threads, into the cgroup ({@code cgroup.procs}). */
  void addProcess(long pid);

  /** Stops every task and returns once the kernel reports the cgroup frozen. */
  void freeze();

  void thaw();

  FreezerState freezerState();

  /** Whether the kernel's OOM killer killed a task of this cgroup. */
  boolean oomKilled();

  /** The processes in the cgroup and its sub-cgroups, for {@code ps}. */
  List<Long> pids();

  /**
   * Kills what is left in the cgroup, then removes its directories, sub-cgroups first, retrying
   * while the kernel still counts exiting tasks (EBUSY). Does nothing when already gone.
   */
  void destroy();
}
