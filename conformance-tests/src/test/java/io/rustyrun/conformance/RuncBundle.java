package io.rustyrun.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An OCI bundle as a user makes it with {@code runc spec}: {@code config.json} next to a
 * {@code rootfs} directory.
 *
 * <pre>{@code
 * Path bundle = RuncBundle.create("sh", "-c", "hostname");
 * Container.ofSpecFile(bundle.resolve("config.json")).run();
 * }</pre>
 *
 * <p>{@code config.json} is the verbatim output of {@code runc spec} (runc 1.1.5, Debian 12),
 * kept as a resource, with the two edits every user makes: the command, and {@code terminal}
 * turned off because the test has no terminal. Everything else (capabilities, rlimits,
 * noNewPrivileges, masked and read-only paths, the explicit default mounts including a cgroup
 * mount, a device cgroup rule) must be accepted as runc accepts it.
 */
final class RuncBundle {
  private static final String RESOURCE = "runc-spec-config.json";

  private RuncBundle() {}

  /** A fresh bundle under the work directory, with a copy of the busybox rootfs. */
  static Path create(String... args) {
    Path bundle = TestEnvironment.workDir().resolve("bundles").resolve("runc-spec-" + System.nanoTime());
    try {
      Files.createDirectories(bundle);
      // A copy, not a link: runc spec's root is "rootfs" inside the bundle, read-only.
      Commands.run("cp", "-a", BusyboxRootfs.path().toString(), bundle.resolve("rootfs").toString());
      Files.writeString(bundle.resolve("config.json"), config(args), StandardCharsets.UTF_8);
      return bundle;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String config(String... args) throws IOException {
    String original;
    try (InputStream in = RuncBundle.class.getResourceAsStream(RESOURCE)) {
      original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String argsJson = Arrays.stream(args).map(arg -> SpecWriter.json(arg).strip())
        .collect(Collectors.joining(", ", "[", "]"));
    return replaceOnce(
        replaceOnce(original, "\"terminal\": true", "\"terminal\": false"),
        "\"args\": [\n\t\t\t\"sh\"\n\t\t]", "\"args\": " + argsJson);
  }

  private static String replaceOnce(String text, String target, String replacement) {
    if (!text.contains(target)) {
      throw new IllegalStateException(RESOURCE + " no longer contains " + target);
    }
    return text.replace(target, replacement);
  }
}
