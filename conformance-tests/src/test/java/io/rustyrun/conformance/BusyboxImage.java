package io.rustyrun.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The busybox rootfs packed as an image for the clients: a plain tar for {@code podman import},
 * and a one-layer docker-save archive for {@code ctr images import}.
 *
 * <pre>{@code
 * Path tar = BusyboxImage.rootfsTar();                                 // work/images/busybox.tar
 * Path archive = BusyboxImage.dockerArchive("localhost/rr/busybox:1"); // manifest.json + config + layer
 * }</pre>
 *
 * <p>Built from {@link BusyboxRootfs} with {@code tar(1)} so that the clients run exactly the
 * files the other conformance tests use, with no registry involved.
 */
final class BusyboxImage {
  private BusyboxImage() {}

  /** {@code tar -C ROOTFS -cf work/images/busybox.tar .}, rebuilt each call (~0.1 s). */
  static synchronized Path rootfsTar() {
    Path dir = imagesDir();
    Path tar = dir.resolve("busybox.tar");
    Commands.run("tar", "-C", BusyboxRootfs.path().toString(), "-cf", tar.toString(), ".");
    return tar;
  }

  /**
   * A docker-save archive ({@code manifest.json}, config, {@code layer.tar}) tagged {@code tag}.
   * The config's {@code rootfs.diff_ids} is the layer's sha256, which containerd verifies.
   */
  static synchronized Path dockerArchive(String tag) {
    Path dir = imagesDir().resolve("docker-archive");
    try {
      Commands.run("rm", "-rf", dir.toString());
      Files.createDirectories(dir);
      Files.copy(rootfsTar(), dir.resolve("layer.tar"));
      String config =
          SpecWriter.json(
              Map.of(
                  "architecture", "amd64",
                  "os", "linux",
                  "config", Map.of(
                      "Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                      "Cmd", List.of("sh")),
                  "rootfs", Map.of(
                      "type", "layers",
                      "diff_ids", List.of("sha256:" + sha256(dir.resolve("layer.tar"))))));
      Path configFile = dir.resolve("config.json");
      Files.writeString(configFile, config, StandardCharsets.UTF_8);
      String configName = sha256(configFile) + ".json";
      Files.move(configFile, dir.resolve(configName));
      Files.writeString(
          dir.resolve("manifest.json"),
          SpecWriter.json(List.of(Map.of(
              "Config", configName, "RepoTags", List.of(tag), "Layers", List.of("layer.tar")))),
          StandardCharsets.UTF_8);
      Path archive = imagesDir().resolve("busybox-docker-archive.tar");
      Commands.run("tar", "-C", dir.toString(), "-cf", archive.toString(),
          "manifest.json", configName, "layer.tar");
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the docker archive in " + dir, e);
    }
  }

  private static Path imagesDir() {
    try {
      return Files.createDirectories(TestEnvironment.workDir().resolve("images"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
