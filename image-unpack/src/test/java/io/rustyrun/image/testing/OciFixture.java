package io.rustyrun.image.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an OCI image layout with correct digests, or deliberately wrong ones.
 *
 * <pre>{@code
 * Path layout = new OciFixture().gzipLayer(tar1).layer(tar2).write(fs.getPath("/img"));
 * }</pre>
 */
public final class OciFixture {
  private final Map<String, byte[]> blobs = new LinkedHashMap<>();
  private final List<String> layerDescriptors = new ArrayList<>();
  private final List<String> diffIds = new ArrayList<>();
  private String indexOverride;

  /** An uncompressed layer. */
  public OciFixture layer(byte[] tar) {
    return add(tar, tar, "application/vnd.oci.image.layer.v1.tar");
  }

  public OciFixture gzipLayer(byte[] tar) {
    return add(TarFixture.gzip(tar), tar, "application/vnd.oci.image.layer.v1.tar+gzip");
  }

  /**
   * A layer whose descriptor and diff_id describe {@code claimed} but whose stored blob (at
   * the claimed digest's path) is {@code blob}: a tampered layout.
   */
  public OciFixture lyingLayer(byte[] blob, byte[] claimed) {
    blobs.put(sha256(claimed), blob);
    layerDescriptors.add(descriptor("application/vnd.oci.image.layer.v1.tar", claimed));
    diffIds.add("\"sha256:" + sha256(claimed) + "\"");
    return this;
  }

  /** A gzip layer stored and described correctly whose config diff_id is {@code claimed}'s. */
  public OciFixture gzipLayerClaiming(byte[] tar, byte[] claimed) {
    byte[] blob = TarFixture.gzip(tar);
    blobs.put(sha256(blob), blob);
    layerDescriptors.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob));
    diffIds.add("\"sha256:" + sha256(claimed) + "\"");
    return this;
  }

  /** Replaces index.json with {@code json}. */
  public OciFixture index(String json) {
    indexOverride = json;
    return this;
  }

  private OciFixture add(byte[] blob, byte[] tar, String mediaType) {
    blobs.put(sha256(blob), blob);
    layerDescriptors.add(descriptor(mediaType, blob));
    diffIds.add("\"sha256:" + sha256(tar) + "\"");
    return this;
  }

  public Path write(Path layout) {
    try {
      Files.createDirectories(layout.resolve("blobs/sha256"));
      for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
        Files.write(layout.resolve("blobs/sha256/" + blob.getKey()), blob.getValue());
      }
      byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":"
          + "\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}")
          .getBytes(StandardCharsets.UTF_8);
      writeBlob(layout, config);
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":"
          + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
          + descriptor("application/vnd.oci.image.config.v1+json", config) + ",\"layers\":["
          + String.join(",", layerDescriptors) + "]}").getBytes(StandardCharsets.UTF_8);
      writeBlob(layout, manifest);
      String index = indexOverride != null ? indexOverride
          : "{\"schemaVersion\":2,\"manifests\":["
              + descriptor("application/vnd.oci.image.manifest.v1+json", manifest) + "]}";
      Files.writeString(layout.resolve("index.json"), index);
      Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return layout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeBlob(Path layout, byte[] blob) throws IOException {
    Files.write(layout.resolve("blobs/sha256/" + sha256(blob)), blob);
  }

  private static String descriptor(String mediaType, byte[] blob) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"sha256:" + sha256(blob)
        + "\",\"size\":" + blob.length + "}";
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
