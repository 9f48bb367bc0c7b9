package io.rustyrun.spec;

/**
 * A host network device moved into the container, e.g. {@code netDevices: {eth1: {name:
 * net0}}}: host {@code eth1} becomes {@code net0}.
 *
 * @param name the name inside the container, empty to keep the host name
 */
public record NetDeviceSpec(String name) {

  public NetDeviceSpec {
    name = Defaults.string(name);
  }
}
