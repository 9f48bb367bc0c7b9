package io.rustyrun.cli;

import io.rustyrun.image.blob.Sha256;
import io.rustyrun.image.core.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The image {@link AotTraining} unpacks, so that the host AOT cache holds the unpack path's
 * classes loaded and linked (tar reader, layer applier, native writer, gzip, OCI JSON), about
 * 0.3 s of CPU less per {@code rustyrun unpack}, and its methods compiled (see
 * {@link #addSmallFiles}).
 *
 * <pre>{@code
 * AotTrainingImage image = AotTrainingImage.write(work);
 * Cli.run(new String[] {"unpack", image.layout().toString(), work.resolve("out").toString()});
 * }</pre>
 *
 * <p>One layer with what a distribution rootfs has (directories, files, a symlink, a hardlink,
 * a FIFO), owned by whoever owns WORK so an unprivileged build can unpack it; no device nodes
 * for the same reason (the FIFO takes the same path through the writer, ~10 ms of a Debian
 * unpack that otherwise loads it from the jar).
 *
 * @param tar the layer as a plain rootfs tarball
 * @param layout an OCI image layout holding the layer gzip-compressed
 */
record AotTrainingImage(Path tar, Path layout) {
  private static final int SMALL_FILE_DIRS = 64;
  private static final int SMALL_FILES_PER_DIR = 48;

  static AotTrainingImage write(Path work) throws IOException {
    int uid = (Integer) Files.getAttribute(work, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(work, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    byte[] tar = layer(uid, gid);
    Path tarFile = Files.write(work.resolve("training-rootfs.tar"), tar);
    Path layout = work.resolve("training-oci");
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    byte[] gzip = gzip(tar);
    Platform host = Platform.host(System.getProperty("os.arch"));
    String config = blob(layout, ("{\"architecture\":\"" + host.architecture() + "\",\"os\":\""
        + host.os() + "\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
        + sha256(tar) + "\"]}}").getBytes(StandardCharsets.UTF_8));
    String manifest = blob(layout, ("{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        + descriptor("application/vnd.oci.image.config.v1+json", config, layout)
        + ",\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
            blob(layout, gzip), layout) + "]}").getBytes(StandardCharsets.UTF_8));
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":["
        + descriptor("application/vnd.oci.image.manifest.v1+json", manifest, layout) + "]}");
    return new AotTrainingImage(tarFile, layout);
  }

  private static byte[] layer(int uid, int gid) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (String dir : new String[] {"./", "etc/", "usr/", "usr/bin/", "usr/lib/"}) {
        add(tar, new TarArchiveEntry(dir), uid, gid, new byte[0]);
      }
      byte[] program = new byte[256 * 1024];
      Arrays.fill(program, (byte) 0x90);
      add(tar, new TarArchiveEntry("etc/hostname"), uid, gid, "training\n".getBytes(StandardCharsets.UTF_8));
      addSmallFiles(tar, uid, gid);
      add(tar, new TarArchiveEntry("usr/bin/tool"), uid, gid, program);
      TarArchiveEntry link = new TarArchiveEntry("bin", TarConstants.LF_SYMLINK);
      link.setLinkName("usr/bin");
      add(tar, link, uid, gid, new byte[0]);
      TarArchiveEntry hardlink = new TarArchiveEntry("usr/bin/tool2", TarConstants.LF_LINK);
      hardlink.setLinkName("usr/bin/tool");
      add(tar, hardlink, uid, gid, new byte[0]);
      add(tar, new TarArchiveEntry("etc/initctl", TarConstants.LF_FIFO), uid, gid, new byte[0]);
    }
    return bytes.toByteArray();
  }

  /**
   * Thousands of small files, as a distribution has: the per-entry path runs often enough in
   * training to be compiled there, so the JIT compiles it again as soon as a JVM with the cache
   * starts (JEP 515) instead of after thousands of interpreted entries (~0.1 s of an unpack of
   * a Debian rootfs).
   */
  private static void addSmallFiles(TarArchiveOutputStream tar, int uid, int gid) throws IOException {
    for (int dir = 0; dir < SMALL_FILE_DIRS; dir++) {
      String name = "usr/share/training" + dir + "/";
      add(tar, new TarArchiveEntry(name), uid, gid, new byte[0]);
      for (int file = 0; file < SMALL_FILES_PER_DIR; file++) {
        byte[] data = new byte[(dir * SMALL_FILES_PER_DIR + file) * 97 % 6000];
        Arrays.fill(data, (byte) file);
        add(tar, new TarArchiveEntry(name + "file" + file), uid, gid, data);
      }
    }
  }

  private static void add(TarArchiveOutputStream tar, TarArchiveEntry entry, int uid, int gid,
      byte[] data) throws IOException {
    entry.setIds(uid, gid);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(data);
    }
    return bytes.toByteArray();
  }

  /** Stores {@code data} as a blob of the layout; its hex digest. */
  private static String blob(Path layout, byte[] data) throws IOException {
    String hex = sha256(data);
    Files.write(layout.resolve("blobs/sha256/" + hex), data);
    return hex;
  }

  private static String descriptor(String mediaType, String hex, Path layout) throws IOException {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"sha256:" + hex + "\",\"size\":"
        + Files.size(layout.resolve("blobs/sha256/" + hex)) + "}";
  }

  private static String sha256(byte[] data) {
    return HexFormat.of().formatHex(Sha256.Engine.JDK.hash(data));
  }
}
