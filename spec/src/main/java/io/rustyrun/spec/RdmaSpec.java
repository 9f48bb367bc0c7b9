package io.rustyrun.spec;

/**
 * RDMA cgroup limits of one device, e.g. {@code rdma: {mlx5_1: {hcaHandles: 3, hcaObjects:
 * 10000}}}.
 *
 * @param hcaHandles the maximum HCA handles, or {@code null} for no limit
 * @param hcaObjects the maximum HCA objects, or {@code null} for no limit
 */
public record RdmaSpec(Long hcaHandles, Long hcaObjects) {}
