package io.rustyrun.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated container spec, e.g. for {@code /srv/web/container.yaml} with {@code root.path:
 * rootfs}: {@code file = /srv/web/container.yaml}, {@code bundleDir = /srv/web}, {@code
 * root().path() = /srv/web/rootfs}.
 *
 * <p>The fields are those of an OCI runtime-spec {@code config.json}, plus one rustyrun
 * extension, {@code image}: an image tarball to unpack and use as the rootfs instead of {@code
 * root.path}. Exactly one of {@code root().path()} and {@code image()} is non-null; both are
 * absolute and normalised against {@code bundleDir}. Obtain one from {@link SpecLoader#load}.
 *
 * @param file the spec file as given to the loader
 * @param bundleDir the directory of the spec file; relative paths in the spec start here
 * @param ociVersion any 1.x version, e.g. {@code 1.0.2-dev}
 * @param process the container's process
 * @param root the rootfs directory; its path is {@code null} when {@link #image} is set
 * @param image the image tarball to unpack as rootfs, or {@code null} when {@code root.path} is set
 * @param hostname the hostname, empty for "leave it alone"
 * @param domainname the NIS domain name, empty for "leave it alone"
 * @param mounts additional mounts, in order
 * @param hooks lifecycle hooks
 * @param annotations arbitrary metadata
 * @param linux the Linux-specific part
 */
public record ContainerSpec(
    Path file,
    Path bundleDir,
    String ociVersion,
    ProcessSpec process,
    RootSpec root,
    Path image,
    String hostname,
    String domainname,
    List<MountSpec> mounts,
    HooksSpec hooks,
    Map<String, String> annotations,
    LinuxSpec linux) {

  public ContainerSpec {
    root = Defaults.orElse(root, RootSpec.NONE);
    hostname = Defaults.string(hostname);
    domainname = Defaults.string(domainname);
    mounts = Defaults.list(mounts);
    hooks = Defaults.orElse(hooks, HooksSpec.NONE);
    annotations = Defaults.map(annotations);
    linux = Defaults.orElse(linux, LinuxSpec.NONE);
  }
}
