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
  private final Digest expectedAtEof;
  private final String what;
  private long count;
  private Digest digest;

  public HashingInputStream(InputStream in, Sha256 sha256) {
    this(in, sha256, null, null);
  }

  private HashingInputStream(InputStream in, Sha256 sha256, Digest expectedAtEof, String what) {
    super(in);
    this.sha256 = sha256;
    this.expectedAtEof = expectedAtEof;
    this.what = what;
  }

  /**
   * A stream that {@link #verify verifies} itself the first time it reaches EOF: a mismatch
   * fails that read, so a reader that reads to the end cannot miss it.
   */
  public static HashingInputStream verifyingAtEof(InputStream in, Sha256 sha256, Digest expected,
      String what) {
    return new HashingInputStream(in, sha256, expected, what);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      one[0] = (byte) b;
      sha256.update(one, 0, 1);
      count++;
    } else {
      atEof();
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      sha256.update(buf, off, n);
      count += n;
    } else if (n < 0) {
      atEof();
    }
    return n;
  }

  private void atEof() {
    if (expectedAtEof != null && digest == null) {
      verify(expectedAtEof, -1, what);
    }
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
