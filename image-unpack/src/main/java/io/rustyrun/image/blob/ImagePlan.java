package io.rustyrun.image.blob;

import java.util.List;

/**
 * What an image resolves to before anything is written: its layers, bottom to top.
 *
 * <pre>{@code
 * ImagePlan plan = new ImagePlan("oci-archive", Optional.of(manifestDigest), layers);
 * }</pre>
 *
 * @param format {@code rootfs-tar}, {@code docker-archive}, {@code oci-archive} or
 *     {@code oci-layout}
 * @param layers bottom layer first
 */
public record ImagePlan(String format, List<LayerBlob> layers) {
  public ImagePlan {
    layers = List.copyOf(layers);
  }
}
