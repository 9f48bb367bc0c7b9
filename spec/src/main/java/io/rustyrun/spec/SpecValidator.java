package io.rustyrun.spec;

import static io.rustyrun.spec.Checks.quote;

import io.rustyrun.spec.yaml.Problems;
import io.rustyrun.spec.yaml.SourceMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The OCI rules a bound spec must also follow, reported into {@link Problems}, e.g. {@code new
 * SpecValidator(sourceMap, problems).validateDocument(document)}. The binder has already
 * reported unknown fields and wrong types; these rules look at values and at fields together
 * ({@code hostname} needs a {@code uts} namespace).
 */
final class SpecValidator {

  /** runtime-spec 1.x: {@code 1.0.2-dev}, {@code 1.2.0}, {@code 1.1}. */
  private static final Pattern OCI_VERSION_1 = Pattern.compile("1(\\.\\d+){1,2}([-+][0-9A-Za-z.-]+)?");

  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,2}([-+][0-9A-Za-z.-]+)?");

  private final Checks checks;
  private final ProcessRules processRules;
  private final LinuxRules linuxRules;
  private final ResourceRules resourceRules;

  SpecValidator(SourceMap sourceMap, Problems problems) {
    this.checks = new Checks(sourceMap, problems);
    this.processRules = new ProcessRules(checks);
    this.resourceRules = new ResourceRules(checks);
    this.linuxRules = new LinuxRules(checks, resourceRules);
  }

  void validateDocument(SpecDocument document) {
    validateVersion(document.ociVersion());
    if (document.process() == null) {
      checks.fail("process", "is required", "add the process to run, e.g. process: {args: [sh], cwd: /}");
    } else {
      processRules.validate(document.process(), "process");
    }
    validateRootfsSource(document);
    validateNames(document);
    validateMounts(document.mounts());
    validateHooks(document.hooks());
    linuxRules.validate(document.linux());
  }

  void validateProcess(ProcessSpec process, String prefix) {
    processRules.validate(process, prefix);
  }

  void validateResources(ResourcesSpec resources, String prefix) {
    resourceRules.validate(resources, prefix);
  }

  private void validateVersion(String version) {
    String hint = "rustyrun implements runtime-spec 1.x; set ociVersion: 1.2.0";
    if (!checks.written("ociVersion")) {
      checks.fail("ociVersion", "is required", hint);
    } else if (!VERSION.matcher(version).matches()) {
      checks.fail("ociVersion", quote(version) + " is not a version", hint);
    } else if (!OCI_VERSION_1.matcher(version).matches()) {
      checks.fail("ociVersion", "unsupported version " + quote(version), hint);
    }
  }

  /** Exactly one source of rootfs: a directory ({@code root.path}) or an image tarball. */
  private void validateRootfsSource(SpecDocument document) {
    boolean hasRoot = document.root().path() != null;
    boolean hasImage = document.image() != null;
    if (hasRoot && hasImage) {
      checks.fail("image", "root.path and image are both set", "use root.path for a rootfs directory or image for an image tarball, not both");
    } else if (!hasRoot && !hasImage && !checks.written("root.path") && !checks.written("image")) {
      checks.fail("root.path", "no rootfs: set root.path or image", "root: {path: rootfs} uses the directory rootfs next to the spec; image: busybox.tar unpacks an image");
    }
  }

  /** sethostname(2) and setdomainname(2) in the host's UTS namespace would rename the host. */
  private void validateNames(SpecDocument document) {
    boolean uts = document.linux().hasNamespace(NamespaceType.UTS);
    String hint = "add {type: uts} to linux.namespaces";
    if (!document.hostname().isEmpty() && !uts) {
      checks.fail("hostname", "hostname " + quote(document.hostname()) + " needs a uts namespace", hint);
    }
    if (!document.domainname().isEmpty() && !uts) {
      checks.fail("domainname", "domainname " + quote(document.domainname()) + " needs a uts namespace", hint);
    }
  }

  private void validateMounts(List<MountSpec> mounts) {
    for (int i = 0; i < mounts.size(); i++) {
      String field = "mounts[" + i + "].destination";
      checks.required(field, "set the mount point inside the container, e.g. destination: /data");
      checks.absolutePath(field, mounts.get(i).destination());
    }
  }

  private void validateHooks(HooksSpec hooks) {
    validateHookList("hooks.prestart", hooks.prestart());
    validateHookList("hooks.createRuntime", hooks.createRuntime());
    validateHookList("hooks.createContainer", hooks.createContainer());
    validateHookList("hooks.startContainer", hooks.startContainer());
    validateHookList("hooks.poststart", hooks.poststart());
    validateHookList("hooks.poststop", hooks.poststop());
  }

  private void validateHookList(String field, List<HookSpec> hooks) {
    for (int i = 0; i < hooks.size(); i++) {
      HookSpec hook = hooks.get(i);
      String prefix = field + "[" + i + "]";
      checks.required(prefix + ".path", "set the absolute path of the hook executable");
      checks.absolutePath(prefix + ".path", hook.path());
      if (hook.timeout() != null && hook.timeout() <= 0) {
        checks.fail(prefix + ".timeout", "must be a positive number of seconds, got " + hook.timeout());
      }
    }
  }
}
