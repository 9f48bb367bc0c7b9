package io.rustyrun.spec;

/**
 * A per-device block I/O weight, e.g. {@code {major: 8, minor: 0, weight: 500}}.
 *
 * @param major the major number
 * @param minor the minor number
 * @param weight the weight, 10 .. 1000, or {@code null} unchanged
 * @param leafWeight the weight against child cgroups, or {@code null} unchanged
 */
public record WeightDeviceSpec(long major, long minor, Integer weight, Integer leafWeight) {}
