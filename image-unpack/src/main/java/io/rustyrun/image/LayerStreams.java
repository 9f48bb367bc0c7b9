package io.rustyrun.image;

import io.rustyrun.image.blob.Compression;
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
 * read-ahead thread: blob bytes → sha256 + size (descriptor) → detect + decompress
 * consumer:          → sha256 (diff_id) → tar reader
 * </pre>
 *
 * <pre>{@code
 * try (LayerStreams.Opened opened = LayerStreams.open(layer, Sha256.Engine.JDK)) {
 *   new TarReader(opened.tar(), ...) ...
 * }
 * }</pre>
 *
 * <p>Both digests are computed while streaming and checked when the tar reader has drained
 * the stream to EOF (it always does), so a mismatch fails the read of the last bytes and the
 * layer is never reported as applied. The uncompressed digest is computed by the consumer when
 * there is decompressing to do, which keeps the read-ahead thread (the slower side of a gzip
 * layer) to inflating; an uncompressed layer's one digest stays on the read-ahead thread, as
 * the consumer is then the slower side. Nothing is hashed when the format gives nothing to
 * check (a plain rootfs tarball).
 */
final class LayerStreams {
  private static final int BUFFER = 256 * 1024;

  private LayerStreams() {}

  /** A layer's tar stream and the read-ahead thread behind it, stopped by {@link #close}. */
  record Opened(InputStream tar, ReadAhead readAhead) implements AutoCloseable {
    @Override
    public void close() {
      readAhead.close();
    }
  }

  static Opened open(LayerBlob layer, Sha256.Engine sha256) {
    InputStream raw = layer.opener().get();
    HashingInputStream blobHash =
        layer.digest().isPresent() ? new HashingInputStream(raw, sha256.start()) : null;
    BufferedInputStream buffered =
        new BufferedInputStream(blobHash != null ? blobHash : raw, BUFFER);
    try {
      Compression compression = Compression.detect(buffered);
      InputStream tar = compression.decompress(buffered);
      if (compression != Compression.NONE && layer.diffId().isPresent()) {
        ReadAhead ahead = new ReadAhead(tar, () -> verify(layer, buffered, blobHash, null),
            layer.description());
        return new Opened(HashingInputStream.verifyingAtEof(ahead, sha256.start(),
            layer.diffId().orElseThrow(), diffIdWhat(layer)), ahead);
      }
      HashingInputStream diffHash = layer.diffId().isEmpty() ? null
          : blobHash != null ? blobHash
          : new HashingInputStream(tar, sha256.start());
      InputStream source = diffHash != null && diffHash != blobHash ? diffHash : tar;
      ReadAhead ahead = new ReadAhead(source, () -> verify(layer, buffered, blobHash, diffHash),
          layer.description());
      return new Opened(ahead, ahead);
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
      diffHash.verify(layer.diffId().orElseThrow(), -1, diffIdWhat(layer));
    }
  }

  private static String diffIdWhat(LayerBlob layer) {
    return layer.description() + " (uncompressed, config diff_id "
        + ImageUnpackException.quote(layer.diffId().orElseThrow()) + ")";
  }

  private static void close(InputStream in, Exception cause) {
    try {
      in.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
