package io.rustyrun.image.blob;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an image config (OCI {@code config.md}, docker image JSON) the unpacker needs:
 * the platform and the uncompressed digests of the layers.
 *
 * <pre>{@code
 * ImageConfig config = json.read(name, ImageConfig.class, digest, size, what);
 * List<Digest> diffIds = config.diffIds(layerCount, what);
 * }</pre>
 *
 * @param architecture GOARCH
 * @param os GOOS
 * @param variant CPU variant, may be null
 * @param rootfs {@code {"type": "layers", "diff_ids": [...]}}
 */
public record ImageConfig(String architecture, String os, String variant, RootFs rootfs) {

  /** {@code rootfs} of a config. */
  public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}

  /** The declared platform, when both os and architecture are set. */
  public Optional<Platform> platform() {
    if (os == null || os.isEmpty() || architecture == null || architecture.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Platform(os, architecture, variant == null ? "" : variant));
  }

  /**
   * The validated {@code diff_ids}; there must be exactly one per layer, else a layer would
   * go unverified.
   */
  public List<Digest> diffIds(int layerCount, String what) {
    List<String> ids = rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    if (ids.size() != layerCount) {
      throw new ImageUnpackException(what + ": lists " + ids.size() + " diff_ids for "
          + layerCount + " layers");
    }
    List<Digest> digests = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      digests.add(Digest.parse(ids.get(i), what + " rootfs.diff_ids[" + i + "]"));
    }
    return digests;
  }
}
