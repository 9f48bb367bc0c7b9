package io.rustyrun.spec;

/**
 * A uid or gid range mapping, e.g. {@code {containerID: 0, hostID: 100000, size: 65536}}. The
 * values are uint32 in OCI, hence {@code long}.
 *
 * @param containerID the first id inside the container
 * @param hostID the first id on the host
 * @param size how many ids are mapped
 */
public record IdMapping(long containerID, long hostID, long size) {}
