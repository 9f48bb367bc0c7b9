package io.rustyrun.image.blob;

import io.rustyrun.image.core.ImageUnpackException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A validated {@code sha256:} content digest.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:9f86d0…", "manifest layer 0");
 * d.blobPath();   // "blobs/sha256/9f86d0…", safe to use as a path
 * }</pre>
 *
 * <p>Digests from JSON are validated against {@code ^sha256:[a-f0-9]{64}$} before any path is
 * built from them: containers/image used them unchecked and got path traversal into the blob
 * store (CVE-2024-3727); Docker had the same with image ids (CVE-2014-9358).
 *
 * @param hex 64 lowercase hex digits
 */
public record Digest(String hex) {
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

  public Digest {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
    }
  }

  /** Parses {@code text}; {@code where} says which JSON field it came from, for the error. */
  public static Digest parse(String text, String where) {
    if (text == null || !SHA256.matcher(text).matches()) {
      throw new ImageUnpackException(where + ": invalid digest "
          + ImageUnpackException.quote(text) + " (expected sha256: and 64 lowercase hex digits)");
    }
    return new Digest(text.substring("sha256:".length()));
  }

  /** Whether {@code text} is 64 lowercase hex digits (a docker-archive file name's stem). */
  public static boolean isHex(String text) {
    return HEX.matcher(text).matches();
  }

  /** The digest of {@code sha256} output bytes. */
  public static Digest of(byte[] sha256) {
    return new Digest(HexFormat.of().formatHex(sha256));
  }

  /** The blob's path inside an OCI image layout. */
  public String blobPath() {
    return "blobs/sha256/" + hex;
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
