package io.rustyrun.image;

import io.rustyrun.image.core.Limits;
import io.rustyrun.image.core.Platform;
import io.rustyrun.image.core.ProgressListener;
import java.util.Optional;

/**
 * How to unpack: which image of a multi-image archive, within which limits, reporting where.
 *
 * <pre>{@code
 * UnpackOptions options = UnpackOptions.forHost()
 *     .withPlatform(Platform.parse("linux/arm64"))
 *     .withRef("v1.2");
 * }</pre>
 *
 * @param platform selects from an index (default: the host's)
 * @param ref selects by {@code org.opencontainers.image.ref.name} or docker {@code RepoTags}
 * @param limits resource limits against hostile images
 * @param progress receives bytes and entries as they are applied
 */
public record UnpackOptions(
    Platform platform, Optional<String> ref, Limits limits, ProgressListener progress) {

  /** The host platform, no ref, default limits, no progress. */
  public static UnpackOptions forHost() {
    return new UnpackOptions(Platform.host(System.getProperty("os.arch")), Optional.empty(),
        Limits.defaults(), ProgressListener.NONE);
  }

  public UnpackOptions withPlatform(Platform value) {
    return new UnpackOptions(value, ref, limits, progress);
  }

  public UnpackOptions withRef(String value) {
    return new UnpackOptions(platform, Optional.of(value), limits, progress);
  }

  public UnpackOptions withLimits(Limits value) {
    return new UnpackOptions(platform, ref, value, progress);
  }

  public UnpackOptions withProgress(ProgressListener value) {
    return new UnpackOptions(platform, ref, limits, value);
  }
}
