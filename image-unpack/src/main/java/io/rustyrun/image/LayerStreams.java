package io.rustyrun.image;

import io.rustyrun.image.blob.Compression;
import io.rustyrun.image.blob.Digest;
import io.rustyrun.image.blob.HashingInputStream;
import io.rustyrun.image.blob.LayerBlob;
import io.rustyrun.image.blob.ReadAhead;
import io.rustyrun.image.blob.Sha256;
import io.rustyrun.image.core.ImageUnpackException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Opens a layer as a verified, decompressed tar stream, read ahead on its own thread:
 *
 * <pre>
 * blob bytes → sha256 + size (descriptor) → detect + decompress → sha256 (diff_id) → read-ahead
 * </pre>
 *
 * <pre>{@code
 * try (ReadAhead tar = LayerStreams.open(layer, Sha256.Engine.JDK)) { new TarReader(tar, ...) ... }
 * }</pre>
 *
 * <p>Both digests are computed while streaming and checked when the tar reader has drained
 * the stream to EOF (it always does), so a mismatch fails the read of the last bytes and the
 * layer is never reported as applied. Nothing is hashed when the format gives nothing to check
 * (a plain rootfs tarball).
 */
final class LayerStreams {
  private static final int BUFFER = 256 * 1024;

  private LayerStreams() {}

  static ReadAhead open(LayerBlob layer, Sha256.Engine sha256) {
    InputStream raw = layer.opener().get();
    HashingInputStream blobHash =
        layer.digest().isPresent() ? new HashingInputStream(raw, sha256.start()) : null;
    BufferedInputStream buffered =
        new BufferedInputStream(blobHash != null ? blobHash : raw, BUFFER);
    try {
      Compression compression = Compression.detect(buffered);
      InputStream tar = compression.decompress(buffered);
      HashingInputStream diffHash = layer.diffId().isEmpty() ? null
          : compression == Compression.NONE && blobHash != null ? blobHash
          : new HashingInputStream(tar, sha256.start());
      InputStream source = diffHash != null && diffHash != blobHash ? diffHash : tar;
      return new ReadAhead(source, () -> verify(layer, buffered, blobHash, diffHash),
          layer.description());
    } catch (IOException e) {
      close(buffered, e);
      throw new ImageUnpackException(layer.description() + ": corrupt or unreadable ("
          + e.getMessage() + ")", e);
    }
  }

  /** Runs on the read-ahead thread at the tar stream's EOF. */
  private static void verify(LayerBlob layer, InputStream buffered, HashingInputStream blobHash,
      HashingInputStream diffHash) throws IOException {
    buffered.transferTo(OutputStream.nullOutputStream()); // trailing bytes are hashed too
    if (blobHash != null) {
      blobHash.verify(layer.digest().orElseThrow(), layer.size(), layer.description());
    }
    if (diffHash != null) {
      Digest diffId = layer.diffId().orElseThrow();
      diffHash.verify(diffId, -1, layer.description() + " (uncompressed, config diff_id "
          + ImageUnpackException.quote(diffId) + ")");
    }
  }

  private static void close(InputStream in, Exception cause) {
    try {
      in.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
