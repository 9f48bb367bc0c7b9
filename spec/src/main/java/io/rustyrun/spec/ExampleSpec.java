package io.rustyrun.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The commented example spec that {@code rustyrun spec} prints, e.g. {@code
 * out.print(ExampleSpec.yaml())}. It runs a busybox shell command in new namespaces and is the
 * same text as {@code examples/container.yaml} in the repository.
 */
public final class ExampleSpec {

  private static final String RESOURCE = "example.yaml";

  private ExampleSpec() {}

  /** The example, as UTF-8 text ending in a newline. */
  public static String yaml() {
    try (InputStream in = ExampleSpec.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the spec jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
  }
}
