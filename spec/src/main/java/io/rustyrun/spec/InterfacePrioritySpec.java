package io.rustyrun.spec;

/**
 * A net_prio priority, e.g. {@code {name: eth0, priority: 5}}.
 *
 * @param name the interface name
 * @param priority the priority
 */
public record InterfacePrioritySpec(String name, long priority) {

  public InterfacePrioritySpec {
    name = Defaults.string(name);
  }
}
