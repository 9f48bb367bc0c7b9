package io.rustyrun.image.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rustyrun.image.blob.Digest;
import io.rustyrun.image.blob.ImageChoice;
import io.rustyrun.image.blob.ImageConfig;
import io.rustyrun.image.blob.ImageFiles;
import io.rustyrun.image.blob.ImagePlan;
import io.rustyrun.image.blob.JsonDocuments;
import io.rustyrun.image.blob.LayerBlob;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code docker save} archive into an {@link ImagePlan} by following
 * {@code manifest.json}, never by guessing paths, so all three variants of SECURITY.md 3 work:
 * Docker's v1.2 {@code <id>/layer.tar}, containers/image's top-level {@code <diffid>.tar} (with
 * {@code <id>/layer.tar} symlinks), and Docker 25's {@code blobs/sha256/<hex>}.
 *
 * <pre>{@code
 * ImagePlan plan = new DockerArchiveReader(files, json)
 *     .plan(Optional.of("busybox:latest"), Platform.host("amd64"));
 * }</pre>
 *
 * <p>Layers carry no descriptor digest here; each one is checked against the config's
 * {@code diff_ids}, and the config against the digest its file name spells when it spells one.
 */
public final class DockerArchiveReader {
  private final ImageFiles files;
  private final JsonDocuments json;

  /** One element of {@code manifest.json}. */
  record Entry(
      @JsonProperty("Config") String config,
      @JsonProperty("RepoTags") List<String> repoTags,
      @JsonProperty("Layers") List<String> layers) {}

  public DockerArchiveReader(ImageFiles files, JsonDocuments json) {
    this.files = files;
    this.json = json;
  }

  /** Whether {@code files} hold a docker {@code manifest.json}. */
  public static boolean isDockerArchive(ImageFiles files) {
    return files.size("manifest.json").isPresent();
  }

  /** The layers of the image {@code ref} and {@code platform} select. */
  public ImagePlan plan(Optional<String> ref, Platform platform) {
    Entry[] entries = json.read("manifest.json", Entry[].class, null, -1,
        quote("manifest.json") + " of " + files.description());
    List<ImageChoice.Candidate<Loaded>> candidates = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      Loaded loaded = load(entries[i], i);
      candidates.add(new ImageChoice.Candidate<>(loaded,
          entries[i].repoTags() == null ? List.of() : entries[i].repoTags(),
          loaded.config().platform()));
    }
    Loaded chosen = ImageChoice.select(candidates, ref, platform, files.description()).value();
    return new ImagePlan("docker-archive", layers(chosen));
  }

  /** An entry with its config read and checked. */
  private record Loaded(Entry entry, ImageConfig config, String where) {}

  private Loaded load(Entry entry, int i) {
    String where = quote("manifest.json") + "[" + i + "]";
    if (entry.config() == null || entry.layers() == null) {
      throw new ImageUnpackException(where + ": missing Config or Layers");
    }
    String name = entry.config();
    ImageConfig config = json.read(name, ImageConfig.class, digestSpelledBy(name).orElse(null),
        -1, "config " + quote(name));
    return new Loaded(entry, config, where);
  }

  private List<LayerBlob> layers(Loaded image) {
    List<String> names = image.entry().layers();
    List<Digest> diffIds = image.config().diffIds(names.size(),
        "config " + quote(image.entry().config()));
    List<LayerBlob> layers = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || files.size(name).isEmpty()) {
        throw new ImageUnpackException(image.where() + ": layer " + quote(name)
            + " not found in " + files.description());
      }
      layers.add(new LayerBlob("layer " + quote(name), () -> files.open(name), Optional.empty(),
          -1, Optional.of(diffIds.get(i)), Optional.empty()));
    }
    return layers;
  }

  /** {@code <hex>.json} (docker v1.2, containers/image) or {@code blobs/sha256/<hex>}. */
  private static Optional<Digest> digestSpelledBy(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    String stem = base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
    return Digest.isHex(stem) ? Optional.of(new Digest(stem)) : Optional.empty();
  }

  private static String quote(Object value) {
    return ImageUnpackException.quote(value);
  }
}
