package io.rustyrun.spec;

/**
 * A per-device block I/O rate limit, e.g. {@code {major: 8, minor: 0, rate: 1048576}}.
 *
 * @param major the major number
 * @param minor the minor number
 * @param rate bytes or operations per second
 */
public record ThrottleDeviceSpec(long major, long minor, long rate) {}
