package io.rustyrun.image.blob;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Platform;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks one image out of several (an OCI index, a docker-save {@code manifest.json}) by
 * {@code --ref} and {@code --platform}; an ambiguous or empty choice is an error that lists
 * every candidate.
 *
 * <pre>{@code
 * ImageChoice.Candidate<Descriptor> c = ImageChoice.select(candidates, Optional.of("v1"),
 *     Platform.host("amd64"), "\"img.tar\"");
 * }</pre>
 *
 * <p>Order: the reference filters first (exact name, or {@code name:latest} for a bare name);
 * then candidates whose platform is known and does not match are dropped.
 */
public final class ImageChoice {
  private ImageChoice() {}

  /**
   * One image on offer.
   *
   * @param value what the format selects (a descriptor, a manifest entry)
   * @param refs its names ({@code org.opencontainers.image.ref.name}, docker {@code RepoTags})
   * @param platform its platform when declared
   */
  public record Candidate<T>(T value, List<String> refs, Optional<Platform> platform) {
    String describe() {
      return (refs.isEmpty() ? "<no name>" : String.join(", ", refs))
          + " (" + platform.map(Platform::toString).orElse("platform unknown") + ")";
    }
  }

  /** The single candidate {@code ref} and {@code platform} select from {@code image}. */
  public static <T> Candidate<T> select(List<Candidate<T>> candidates, Optional<String> ref,
      Platform platform, String image) {
    if (candidates.isEmpty()) {
      throw new ImageUnpackException(image + ": contains no image");
    }
    List<Candidate<T>> named = ref.map(r -> candidates.stream()
        .filter(c -> c.refs().contains(r) || c.refs().contains(r + ":latest")).toList())
        .orElse(candidates);
    if (named.isEmpty()) {
      throw new ImageUnpackException(image + ": no image named "
          + ImageUnpackException.quote(ref.orElseThrow()) + "; candidates: " + list(candidates));
    }
    List<Candidate<T>> matching = named.stream()
        .filter(c -> c.platform().map(platform::matches).orElse(true)).toList();
    if (matching.isEmpty()) {
      throw new ImageUnpackException(image + ": no image for platform "
          + ImageUnpackException.quote(platform) + "; candidates: " + list(named));
    }
    if (matching.size() > 1) {
      throw new ImageUnpackException(image + ": " + matching.size()
          + " images match, choose one with --ref or --platform; candidates: " + list(matching));
    }
    return matching.getFirst();
  }

  private static <T> String list(List<Candidate<T>> candidates) {
    return candidates.stream().map(Candidate::describe).collect(Collectors.joining("; "));
  }
}
