package io.rustyrun.image.blob;

import io.rustyrun.image.core.ImageUnpackException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Computes the sha256 and length of everything read through it, so digests are checked while
 * streaming, without a second pass.
 *
 * <pre>{@code
 * HashingInputStream hashed = new HashingInputStream(raw, engine.start());
 * ... read hashed to EOF ...
 * hashed.verify(descriptorDigest, descriptorSize, "layer blob \"sha256:…\"");
 * }</pre>
 *
 * <p>{@link #skip} reads through, so skipped bytes are hashed too.
 */
public final class HashingInputStream extends FilterInputStream {
  private final Sha256 sha256;
  private final byte[] one = new byte[1];
  private long count;
  private Digest digest;

  public HashingInputStream(InputStream in, Sha256 sha256) {
    super(in);
    this.sha256 = sha256;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      one[0] = (byte) b;
      sha256.update(one, 0, 1);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      sha256.update(buf, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads the rest of the stream, hashing it. */
  public void drain() throws IOException {
    byte[] scratch = new byte[64 * 1024];
    while (read(scratch, 0, scratch.length) >= 0) {
      // hash everything up to EOF
    }
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  /** The digest of everything read; computed at the first call, so call it at EOF. */
  public Digest digest() {
    if (digest == null) {
      digest = Digest.of(sha256.digest());
    }
    return digest;
  }

  /**
   * Checks the digest and, when {@code expectedSize >= 0}, the length; call at EOF.
   *
   * @param what the blob, quoted, for the error: {@code layer blob "sha256:…"}
   */
  public void verify(Digest expected, long expectedSize, String what) {
    if (expectedSize >= 0 && count != expectedSize) {
      throw new ImageUnpackException(
          what + ": size mismatch (descriptor says " + expectedSize + ", read " + count + ")");
    }
    Digest actual = digest();
    if (!actual.equals(expected)) {
      throw new ImageUnpackException(what + ": digest mismatch (got "
          + ImageUnpackException.quote(actual) + ")");
    }
  }
}
