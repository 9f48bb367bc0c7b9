package io.rustyrun.image;

import java.time.Duration;
import java.util.Locale;

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

  /** One line: format, layers, entries, bytes and time. */
  public String summary() {
    return String.format(Locale.ROOT, "unpacked %s: %d layer%s, %d entries, %.1f MB in %.2f s",
        format, layers, layers == 1 ? "" : "s", entries, bytes / 1e6,
        elapsed.toNanos() / 1e9);
  }
}
