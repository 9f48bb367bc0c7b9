package io.rustyrun.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The top level of a spec file as written, before it knows its file: {@code ociVersion},
 * {@code process}, ... and the rustyrun extension {@code image}. Only the binder and the loader
 * see it; callers get a {@link ContainerSpec}.
 */
record SpecDocument(
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

  SpecDocument {
    ociVersion = Defaults.string(ociVersion);
    root = Defaults.orElse(root, RootSpec.NONE);
    hostname = Defaults.string(hostname);
    domainname = Defaults.string(domainname);
    mounts = Defaults.list(mounts);
    hooks = Defaults.orElse(hooks, HooksSpec.NONE);
    annotations = Defaults.map(annotations);
    linux = Defaults.orElse(linux, LinuxSpec.NONE);
  }

  ContainerSpec toContainerSpec(Path file, Path bundleDir) {
    return new ContainerSpec(
        file, bundleDir, ociVersion, process, root, image, hostname, domainname, mounts, hooks, annotations, linux);
  }
}
