package io.rustyrun.runtime.cgroup;

import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's cgroup on a unified (v2) host: one directory (runc's {@code fs2} manager).
 *
 * <pre>{@code
 * CgroupManager cgroup = new CgroupV2Manager(unified, Path.of("/sys/fs/cgroup/rustyrun/web-1"), syscalls);
 * }</pre>
 *
 * <p>Device rules: v2 has no device files; as runc and crun do, the rules become an eBPF program
 * attached to the directory ({@link V2Devices}), the only part of the manager that needs {@code
 * syscalls}.
 */
public final class CgroupV2Manager implements CgroupManager {
  /** The controllers rustyrun limits, enabled in every ancestor's {@code cgroup.subtree_control}. */
  private static final List<String> CONTROLLERS = List.of("cpu", "cpuset", "memory", "pids");

  private final CgroupLayout.Hierarchy unified;
  private final Path directory;
  private final V2Devices devices;
  private final Teardown teardown;

  /**
   * @param unified the cgroup2 mount
   * @param directory the container's directory below its mount point
   * @param syscalls attaches the device program
   */
  public CgroupV2Manager(CgroupLayout.Hierarchy unified, Path directory, Syscalls syscalls) {
    this(unified, directory, syscalls, Teardown.DEFAULT);
  }

  CgroupV2Manager(CgroupLayout.Hierarchy unified, Path directory, Syscalls syscalls, Teardown teardown) {
    this.unified = unified;
    this.directory = directory;
    this.devices = new V2Devices(syscalls);
    this.teardown = teardown;
  }

  @Override
  public Map<String, Path> directories() {
    return Map.of(unified.name(), directory);
  }

  /**
   * Creates the directory, then enables the controllers in each ancestor from the mount point
   * down: a v2 controller's files appear in a cgroup only when its parent delegates it.
   */
  @Override
  public void create() {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new CgroupException("cannot create the cgroup \"" + directory + "\": " + CgroupFile.reason(e), e);
    }
    for (Path ancestor : ancestors()) {
      enableControllers(ancestor);
    }
  }

  private List<Path> ancestors() {
    List<Path> chain = new ArrayList<>();
    for (Path p = directory.getParent(); p != null && p.startsWith(unified.mountPoint()); p = p.getParent()) {
      chain.addFirst(p);
    }
    return chain;
  }

  /**
   * Only controllers the ancestor has can be delegated. A non-root ancestor that holds processes
   * refuses with EBUSY ("no internal processes"), which the message then shows.
   */
  private static void enableControllers(Path ancestor) {
    Set<String> available = Set.of(new CgroupFile(ancestor, "cgroup.controllers").read("list the controllers").split("\\s+"));
    List<String> enable = CONTROLLERS.stream().filter(available::contains).map(c -> "+" + c).toList();
    if (!enable.isEmpty()) {
      new CgroupFile(ancestor, "cgroup.subtree_control").write(String.join(" ", enable), "delegate the controllers");
    }
  }

  @Override
  public void apply(CgroupResources resources) {
    if (!resources.memory().isEmpty()) {
      requireController("memory", "set memory limits");
      new V2Memory(directory).apply(resources.memory());
    }
    if (resources.cpu().hasCpu()) {
      requireController("cpu", "set cpu limits");
      new V2Cpu(directory).apply(resources.cpu());
    }
    if (resources.cpu().hasCpuset()) {
      requireController("cpuset", "set cpuset limits");
      Cpuset.apply(directory, resources.cpu());
    }
    if (resources.pidsLimit() != null) {
      requireController("pids", "set the pids limit");
      Pids.apply(directory, resources.pidsLimit());
    }
    if (!resources.devices().isEmpty()) {
      devices.apply(directory, resources.devices());
    }
  }

  private void requireController(String controller, String what) {
    String enabled = new CgroupFile(directory, "cgroup.controllers").read("list the controllers");
    if (!Set.of(enabled.split("\\s+")).contains(controller)) {
      throw new CgroupException("cannot " + what + ": the \"" + controller + "\" controller is not enabled in \""
          + directory + "\" (its cgroup.controllers reads \"" + enabled + "\")");
    }
  }

  @Override
  public void addProcess(long pid) {
    new CgroupFile(directory, "cgroup.procs").write(Long.toString(pid), "add process " + pid);
  }

  @Override
  public void freeze() {
    freezer().freeze();
  }

  @Override
  public void thaw() {
    freezer().thaw();
  }

  @Override
  public FreezerState freezerState() {
    return freezer().state();
  }

  @Override
  public boolean oomKilled() {
    return new V2Memory(directory).oomKills() > 0;
  }

  @Override
  public List<Long> pids() {
    return new CgroupTree(directory).pids();
  }

  /** {@code cgroup.kill} (Linux 5.14+) kills the whole subtree at once; older kernels: freeze and kill. */
  @Override
  public void destroy() {
    List<Long> left = pids();
    if (!left.isEmpty()) {
      CgroupFile kill = new CgroupFile(directory, "cgroup.kill");
      if (kill.exists()) {
        kill.write("1", "kill the container's processes");
      } else {
        TaskKill.killAll(left, Optional.of(freezer()), teardown);
      }
    }
    new CgroupTree(directory).remove(teardown.remove());
  }

  private V2Freezer freezer() {
    return new V2Freezer(directory, teardown.freeze());
  }
}
