package io.rustyrun.image.oci;

import io.rustyrun.image.blob.Digest;
import io.rustyrun.image.blob.ImageChoice;
import io.rustyrun.image.blob.ImageConfig;
import io.rustyrun.image.blob.ImageFiles;
import io.rustyrun.image.blob.ImagePlan;
import io.rustyrun.image.blob.JsonDocuments;
import io.rustyrun.image.blob.LayerBlob;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Platform;
import io.rustyrun.image.oci.OciDocuments.Descriptor;
import io.rustyrun.image.oci.OciDocuments.Index;
import io.rustyrun.image.oci.OciDocuments.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OCI image layout (a directory, or the members of an OCI archive) into an
 * {@link ImagePlan}: {@code index.json} → one manifest (by ref and platform) → config and
 * layers, every document checked against its descriptor's digest and size.
 *
 * <pre>{@code
 * ImagePlan plan = new OciImageReader(files, json, "oci-archive")
 *     .plan(Optional.empty(), Platform.host("amd64"));
 * }</pre>
 *
 * <p>A document's own {@code mediaType} must agree with its descriptor's, so one blob cannot
 * be read as a manifest by one consumer and as an index by another (CVE-2021-41190).
 */
public final class OciImageReader {
  /** How deep indexes may nest before the layout is considered hostile. */
  private static final int MAX_INDEX_DEPTH = 4;

  private static final Set<String> LAYER_TYPES = Set.of(
      "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.oci.image.layer.v1.tar+zstd",
      "application/vnd.oci.image.layer.nondistributable.v1.tar",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
      "application/vnd.docker.image.rootfs.diff.tar.gzip",
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

  private final ImageFiles files;
  private final JsonDocuments json;
  private final String format;

  /**
   * @param files the layout's files
   * @param json reads them with the JSON size limit
   * @param format {@code oci-layout} or {@code oci-archive}, for the plan
   */
  public OciImageReader(ImageFiles files, JsonDocuments json, String format) {
    this.files = files;
    this.json = json;
    this.format = format;
  }

  /** Whether {@code files} look like an OCI layout ({@code oci-layout} and {@code index.json}). */
  public static boolean isLayout(ImageFiles files) {
    return files.size("oci-layout").isPresent() && files.size("index.json").isPresent();
  }

  /** The layers of the image {@code ref} and {@code platform} select. */
  public ImagePlan plan(Optional<String> ref, Platform platform) {
    checkLayoutVersion();
    Index index = json.read("index.json", Index.class, null, -1,
        quote("index.json") + " of " + files.description());
    List<ImageChoice.Candidate<Descriptor>> candidates = new ArrayList<>();
    collect(index, "index.json", Optional.empty(), 0, candidates);
    Descriptor chosen =
        ImageChoice.select(candidates, ref, platform, files.description()).value();
    return planFor(chosen);
  }

  private void checkLayoutVersion() {
    OciDocuments.Layout layout = json.read("oci-layout", OciDocuments.Layout.class, null, -1,
        quote("oci-layout") + " of " + files.description());
    if (layout.imageLayoutVersion() == null || !layout.imageLayoutVersion().startsWith("1.")) {
      throw new ImageUnpackException(files.description() + ": unsupported image layout version "
          + quote(layout.imageLayoutVersion()));
    }
  }

  /** Flattens nested indexes into the manifests they offer, inheriting the outer ref name. */
  private void collect(Index index, String where, Optional<String> inheritedRef, int depth,
      List<ImageChoice.Candidate<Descriptor>> out) {
    if (index.manifests() == null) {
      throw new ImageUnpackException(quote(where) + ": has no \"manifests\"");
    }
    for (Descriptor descriptor : index.manifests()) {
      Optional<String> ref = Optional.ofNullable(descriptor.annotations())
          .map(a -> a.get(OciDocuments.REF_NAME)).or(() -> inheritedRef);
      if (descriptor.isIndex()) {
        if (depth >= MAX_INDEX_DEPTH) {
          throw new ImageUnpackException(quote(where) + ": indexes nest deeper than "
              + MAX_INDEX_DEPTH);
        }
        Digest digest = Digest.parse(descriptor.digest(), quote(where) + " manifests");
        Index nested = read(descriptor, digest, Index.class, "index");
        collect(nested, digest.toString(), ref, depth + 1, out);
      } else {
        Optional<Platform> platform = Optional.ofNullable(descriptor.platform())
            .filter(p -> p.os() != null && p.architecture() != null)
            .map(p -> new Platform(p.os(), p.architecture(),
                p.variant() == null ? "" : p.variant()));
        out.add(new ImageChoice.Candidate<>(descriptor, ref.stream().toList(), platform));
      }
    }
  }

  private ImagePlan planFor(Descriptor manifestDescriptor) {
    Digest digest = Digest.parse(manifestDescriptor.digest(), "index.json manifests");
    Manifest manifest = read(manifestDescriptor, digest, Manifest.class, "manifest");
    if (manifest.config() == null || manifest.layers() == null) {
      throw new ImageUnpackException("manifest " + quote(digest) + ": missing config or layers");
    }
    Digest configDigest = Digest.parse(manifest.config().digest(),
        "manifest " + quote(digest) + " config");
    ImageConfig config = json.read(configDigest.blobPath(), ImageConfig.class, configDigest,
        size(manifest.config()), "config " + quote(configDigest));
    List<Digest> diffIds =
        config.diffIds(manifest.layers().size(), "config " + quote(configDigest));
    List<LayerBlob> layers = new ArrayList<>();
    for (int i = 0; i < manifest.layers().size(); i++) {
      layers.add(layer(manifest.layers().get(i), i, digest, diffIds.get(i)));
    }
    return new ImagePlan(format, layers);
  }

  private LayerBlob layer(Descriptor descriptor, int i, Digest manifest, Digest diffId) {
    String where = "manifest " + quote(manifest) + " layers[" + i + "]";
    Digest digest = Digest.parse(descriptor.digest(), where);
    if (descriptor.mediaType() != null && !LAYER_TYPES.contains(descriptor.mediaType())) {
      throw new ImageUnpackException(where + ": unsupported layer media type "
          + quote(descriptor.mediaType()));
    }
    String path = digest.blobPath();
    return new LayerBlob("layer blob " + quote(digest), () -> files.open(path),
        Optional.of(digest), size(descriptor), Optional.of(diffId), Optional.empty());
  }

  /** Reads a descriptor's document, checking digest, size and that mediaTypes agree. */
  private <T> T read(Descriptor descriptor, Digest digest, Class<T> type, String kind) {
    T document = json.read(digest.blobPath(), type, digest, size(descriptor),
        kind + " " + quote(digest));
    String own = document instanceof Manifest m ? m.mediaType()
        : document instanceof Index x ? x.mediaType() : null;
    if (own != null && descriptor.mediaType() != null && !own.equals(descriptor.mediaType())) {
      throw new ImageUnpackException(kind + " " + quote(digest) + ": mediaType " + quote(own)
          + " does not match its descriptor's " + quote(descriptor.mediaType()));
    }
    return document;
  }

  private static long size(Descriptor descriptor) {
    return descriptor.size() == null ? -1 : descriptor.size();
  }

  private static String quote(Object value) {
    return ImageUnpackException.quote(value);
  }
}
