package io.rustyrun.spec;

import java.nio.file.Path;

/**
 * The container's root filesystem directory, e.g. {@code root: {path: rootfs, readonly: true}}
 * in {@code /srv/web/container.yaml} is {@code RootSpec(/srv/web/rootfs, true)}.
 *
 * @param path the absolute, normalised rootfs directory, or {@code null} when the spec uses
 *     {@code image} instead
 * @param readonly whether the rootfs is remounted read-only
 */
public record RootSpec(Path path, boolean readonly) {

  /** The root of a spec without a {@code root} field. */
  public static final RootSpec NONE = new RootSpec(null, false);
}
