package io.rustyrun.spec;

import java.util.List;

/**
 * Block I/O cgroup weights and throttles, e.g. {@code blockIO: {weight: 500,
 * throttleReadBpsDevice: [{major: 8, minor: 0, rate: 1048576}]}}.
 *
 * @param weight the weight, 10 .. 1000, or {@code null} unchanged
 * @param leafWeight the weight against child cgroups, 10 .. 1000, or {@code null} unchanged
 * @param weightDevice per-device weights
 * @param throttleReadBpsDevice per-device read limits in bytes per second
 * @param throttleWriteBpsDevice per-device write limits in bytes per second
 * @param throttleReadIOPSDevice per-device read limits in operations per second
 * @param throttleWriteIOPSDevice per-device write limits in operations per second
 */
public record BlockIoSpec(
    Integer weight,
    Integer leafWeight,
    List<WeightDeviceSpec> weightDevice,
    List<ThrottleDeviceSpec> throttleReadBpsDevice,
    List<ThrottleDeviceSpec> throttleWriteBpsDevice,
    List<ThrottleDeviceSpec> throttleReadIOPSDevice,
    List<ThrottleDeviceSpec> throttleWriteIOPSDevice) {

  /** Nothing set. */
  public static final BlockIoSpec NONE = new BlockIoSpec(null, null, null, null, null, null, null);

  public BlockIoSpec {
    weightDevice = Defaults.list(weightDevice);
    throttleReadBpsDevice = Defaults.list(throttleReadBpsDevice);
    throttleWriteBpsDevice = Defaults.list(throttleWriteBpsDevice);
    throttleReadIOPSDevice = Defaults.list(throttleReadIOPSDevice);
    throttleWriteIOPSDevice = Defaults.list(throttleWriteIOPSDevice);
  }
}
