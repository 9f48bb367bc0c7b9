package io.rustyrun.image.layer;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.fs.Name;
import io.rustyrun.image.fs.RawText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleans a raw tar entry name into components relative to the root, lexically, before any
 * file system access.
 *
 * <pre>{@code
 * EntryNames.clean("./usr//bin/../lib/x".getBytes(), source);   // [usr, lib, x]
 * EntryNames.clean("/etc/passwd".getBytes(), source);           // [etc, passwd]
 * EntryNames.clean("../../etc/passwd".getBytes(), source);      // throws: climbs out
 * }</pre>
 *
 * <p>A leading {@code /} and {@code ./} are stripped; a name that climbs above the root is
 * refused (moby's {@code breakoutError}; SECURITY.md 1.2 recommends rejecting over umoci's
 * clamping). An empty result is the root itself.
 */
final class EntryNames {
  private EntryNames() {}

  static List<Name> clean(byte[] raw, String what, String source) {
    String name = new String(raw, StandardCharsets.ISO_8859_1);
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new ImageUnpackException(source + ": invalid " + what + " "
          + ImageUnpackException.quote(RawText.display(raw)));
    }
    List<Name> components = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (components.isEmpty()) {
          throw new ImageUnpackException(source + ": " + what + " "
              + ImageUnpackException.quote(RawText.display(raw)) + " points outside the rootfs");
        }
        components.removeLast();
        continue;
      }
      components.add(new Name(part));
    }
    return components;
  }
}
