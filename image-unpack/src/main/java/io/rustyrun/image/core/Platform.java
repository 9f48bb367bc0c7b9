package io.rustyrun.image.core;

import java.util.Locale;

/**
 * An OCI platform ({@code os/architecture[/variant]}), used to pick one image from an index.
 *
 * <pre>{@code
 * Platform.parse("linux/arm64/v8").matches(Platform.parse("linux/arm64"));  // true
 * Platform.host("amd64");                                                   // linux/amd64
 * }</pre>
 *
 * @param os e.g. {@code linux}
 * @param architecture GOARCH spelling, e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}, or empty when unspecified
 */
public record Platform(String os, String architecture, String variant) {

  public Platform {
    if (os.isEmpty() || architecture.isEmpty()) {
      throw new IllegalArgumentException("platform needs os and architecture");
    }
  }

  /** Parses {@code os/arch[/variant]}; throws {@link ImageUnpackException} on another shape. */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new ImageUnpackException(
          "invalid platform " + ImageUnpackException.quote(text) + ": expected os/arch[/variant]");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** The Linux platform for a JVM {@code os.arch} value, in GOARCH spelling. */
  public static Platform host(String jvmArch) {
    String arch =
        switch (jvmArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> jvmArch;
        };
    return new Platform("linux", arch, "");
  }

  /**
   * Whether an image built for {@code candidate} runs here; an empty variant on either side
   * matches any variant.
   */
  public boolean matches(Platform candidate) {
    return os.equals(candidate.os)
        && architecture.equals(candidate.architecture)
        && (variant.isEmpty() || candidate.variant.isEmpty() || variant.equals(candidate.variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
