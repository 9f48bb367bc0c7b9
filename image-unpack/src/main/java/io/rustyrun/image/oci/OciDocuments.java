package io.rustyrun.image.oci;

import java.util.List;
import java.util.Map;

/**
 * The OCI image-spec documents the unpacker reads, as Jackson records (unknown fields are
 * ignored by {@link io.rustyrun.image.blob.JsonDocuments}).
 *
 * <pre>{@code
 * OciDocuments.Index index = json.read("index.json", OciDocuments.Index.class, null, -1, what);
 * }</pre>
 */
final class OciDocuments {
  private OciDocuments() {}

  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** {@code oci-layout}. */
  record Layout(String imageLayoutVersion) {}

  /** A content descriptor. */
  record Descriptor(String mediaType, String digest, Long size, OciPlatform platform,
      Map<String, String> annotations) {
    boolean isIndex() {
      return INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }
  }

  /** A descriptor's platform. */
  record OciPlatform(String architecture, String os, String variant) {}

  /** {@code index.json} or a nested index. */
  record Index(Integer schemaVersion, String mediaType, List<Descriptor> manifests) {}

  /** An image manifest. */
  record Manifest(Integer schemaVersion, String mediaType, Descriptor config,
      List<Descriptor> layers) {}
}
