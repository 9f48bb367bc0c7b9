package io.rustyrun.image;

import java.time.Duration;

/**
 * What an unpack did, for the one-line summary.
 *
 * <pre>{@code
 * result.summary();   // "unpacked oci-archive: 3 layers, 344 entries, 7.2 MB in 0.41 s"
 * }</pre>
 *
 * @param format {@code rootfs-tar}, {@code docker-archive}, {@code oci-archive} or
 *     {@code oci-layout}
 * @param layers layers applied
 * @param entries tar entries applied, over all layers
 * @param bytes uncompressed tar bytes read, over all layers
 * @param elapsed wall time
 */
public record UnpackResult(String format, int layers, long entries, long bytes,
    Duration elapsed) {

  /**
   * One line: format, layers, entries, bytes and time. Formatted by hand: the first
   * {@code String.format} of a JVM initialises locale data for ~15 ms of every unpack.
   */
  public String summary() {
    return "unpacked " + format + ": " + layers + " layer" + (layers == 1 ? "" : "s") + ", "
        + entries + " entries, " + fixed(Math.round(bytes / 1e5), 1) + " MB in "
        + fixed(Math.round(elapsed.toNanos() / 1e7), 2) + " s";
  }

  /** {@code units} hundredths (or tenths) as a decimal with that many places. */
  private static String fixed(long units, int places) {
    long scale = places == 1 ? 10 : 100;
    String fraction = Long.toString(units % scale);
    return units / scale + "." + "0".repeat(places - fraction.length()) + fraction;
  }
}
