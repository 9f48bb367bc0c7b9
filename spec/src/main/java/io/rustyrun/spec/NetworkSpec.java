package io.rustyrun.spec;

import java.util.List;

/**
 * The net_cls and net_prio cgroup settings, e.g. {@code network: {classID: 1048577, priorities:
 * [{name: eth0, priority: 5}]}}.
 *
 * @param classID the net_cls class id, or {@code null} unchanged
 * @param priorities net_prio priorities by interface
 */
public record NetworkSpec(Long classID, List<InterfacePrioritySpec> priorities) {

  /** Nothing set. */
  public static final NetworkSpec NONE = new NetworkSpec(null, null);

  public NetworkSpec {
    priorities = Defaults.list(priorities);
  }
}
