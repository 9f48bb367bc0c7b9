package io.rustyrun.runtime.lifecycle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A container as {@code rustyrun state} reports it (OCI state: ociVersion, id, status, pid,
 * bundle, annotations; plus rootfs, created and owner, as runc adds).
 *
 * @param pid the host pid of the container's PID 1, 0 once stopped
 * @param owner the user owning the container's state (runc: the owner of its state directory)
 */
public record ContainerState(
    String id, Status status, int pid, Path bundle, Path rootfs, Instant created, Map<String, String> annotations,
    String owner) {}
