package io.rustyrun.image.core;

/**
 * Resource limits applied while unpacking untrusted images (SECURITY.md 1.8).
 *
 * <pre>{@code
 * Limits limits = Limits.defaults().withMaxTotalBytes(64L << 30);
 * }</pre>
 *
 * <p>Each limit exists because an unpacker without it was taken down: Go capped PAX headers at
 * 1 MiB after CVE-2022-2879, containerd bounded JSON after CVE-2023-25153, and umoci wrote
 * 11 GB of zeros for a 1 TiB sparse entry before it was killed.
 *
 * @param maxTotalBytes uncompressed bytes over all layers (tar stream bytes, headers included)
 * @param maxEntries tar entries over all layers
 * @param maxFileBytes size of one regular file
 * @param maxPaxHeaderBytes one PAX extended header or GNU long name/link record
 * @param maxJsonBytes one JSON document (index, manifest, config, docker manifest.json)
 */
public record Limits(
    long maxTotalBytes,
    long maxEntries,
    long maxFileBytes,
    int maxPaxHeaderBytes,
    int maxJsonBytes) {

  /** Generous for real images (a Debian rootfs is ~120 MB, ~7,000 entries). */
  public static Limits defaults() {
    return new Limits(32L << 30, 2_000_000, 16L << 30, 1 << 20, 8 << 20);
  }

  public Limits {
    requirePositive("maxTotalBytes", maxTotalBytes);
    requirePositive("maxEntries", maxEntries);
    requirePositive("maxFileBytes", maxFileBytes);
    requirePositive("maxPaxHeaderBytes", maxPaxHeaderBytes);
    requirePositive("maxJsonBytes", maxJsonBytes);
  }

  public Limits withMaxTotalBytes(long value) {
    return new Limits(value, maxEntries, maxFileBytes, maxPaxHeaderBytes, maxJsonBytes);
  }

  public Limits withMaxEntries(long value) {
    return new Limits(maxTotalBytes, value, maxFileBytes, maxPaxHeaderBytes, maxJsonBytes);
  }

  public Limits withMaxFileBytes(long value) {
    return new Limits(maxTotalBytes, maxEntries, value, maxPaxHeaderBytes, maxJsonBytes);
  }

  public Limits withMaxPaxHeaderBytes(int value) {
    return new Limits(maxTotalBytes, maxEntries, maxFileBytes, value, maxJsonBytes);
  }

  public Limits withMaxJsonBytes(int value) {
    return new Limits(maxTotalBytes, maxEntries, maxFileBytes, maxPaxHeaderBytes, value);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
