package io.rustyrun.image.fs;

import java.nio.charset.StandardCharsets;

/**
 * One component of a path inside a rootfs, as the raw bytes the tar header carried.
 *
 * <pre>{@code
 * Name n = Name.of(new byte[] {'n', 'o', 'n', '-', (byte) 0xff});
 * n.bytes();      // the exact bytes, for the native writer
 * n.toString();   // "non-\xff", for messages
 * }</pre>
 *
 * <p>Linux names are bytes, and Java strings do not round-trip invalid UTF-8 through the
 * default file system (SECURITY.md 1.9), so names travel as ISO-8859-1 strings: one char per
 * byte, lossless and cheap (compact strings store them as the bytes themselves).
 *
 * @param latin1 the bytes as ISO-8859-1 chars; never empty, {@code "."}, {@code ".."}, and
 *     never containing {@code '/'} or NUL
 */
public record Name(String latin1) {

  public Name {
    if (latin1.isEmpty() || latin1.equals(".") || latin1.equals("..")
        || latin1.indexOf('/') >= 0 || latin1.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a path component: \"" + latin1 + "\"");
    }
  }

  /** The component with these raw bytes. */
  public static Name of(byte[] bytes) {
    return new Name(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** A component spelled in (UTF-8) Java text, e.g. for names the NIO writer reads back. */
  public static Name ofText(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The raw bytes. */
  public byte[] bytes() {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The bytes decoded as UTF-8 (invalid sequences replaced), for file systems that need text. */
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** Whether this name starts with {@code prefix} (ASCII). */
  public boolean startsWith(String prefix) {
    return latin1.startsWith(prefix);
  }

  /** UTF-8 where valid, {@code \xNN} escapes elsewhere: readable and unambiguous in messages. */
  @Override
  public String toString() {
    return RawText.display(bytes());
  }
}
