package io.rustyrun.spec;

import java.util.List;

/**
 * One mount, e.g. {@code {destination: /proc, type: proc, source: proc, options: [nosuid]}}.
 *
 * @param destination the absolute mount point inside the container
 * @param type the filesystem type, empty for a bind mount
 * @param source the device, directory or pseudo-filesystem name; empty when unset
 * @param options fstab-style options ({@code ro}, {@code bind}, {@code mode=755})
 * @param uidMappings an id-mapped mount's uid mappings
 * @param gidMappings an id-mapped mount's gid mappings
 */
public record MountSpec(
    String destination,
    String type,
    String source,
    List<String> options,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings) {

  public MountSpec {
    destination = Defaults.string(destination);
    type = Defaults.string(type);
    source = Defaults.string(source);
    options = Defaults.list(options);
    uidMappings = Defaults.list(uidMappings);
    gidMappings = Defaults.list(gidMappings);
  }
}
