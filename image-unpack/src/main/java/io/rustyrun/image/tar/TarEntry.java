package io.rustyrun.image.tar;

import io.rustyrun.image.fs.RawText;
import java.util.Map;

/**
 * One tar entry with every PAX and GNU extension already applied: names are the raw bytes, so
 * non-UTF-8 names survive (SECURITY.md 1.9).
 *
 * <pre>{@code
 * TarEntry e = reader.next().orElseThrow();
 * if (e.type() == EntryType.SYMLINK) writer.symlink(dir, base, e.linkName());
 * }</pre>
 *
 * @param name raw entry name
 * @param type entry type
 * @param mode permission bits with setuid/setgid/sticky ({@code & 07777})
 * @param uid numeric owner
 * @param gid numeric group
 * @param size data bytes following the header (PAX {@code size} wins over the header field)
 * @param mtimeSeconds modification time
 * @param mtimeNanos its sub-second part (PAX {@code mtime} fractions)
 * @param linkName raw link target for symlinks and hardlinks, else empty
 * @param devMajor device major number
 * @param devMinor device minor number
 * @param xattrs {@code SCHILY.xattr.*} records, name to raw value, in archive order
 */
public record TarEntry(
    byte[] name,
    EntryType type,
    int mode,
    long uid,
    long gid,
    long size,
    long mtimeSeconds,
    int mtimeNanos,
    byte[] linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  /** The name for messages ({@code \xNN} for bytes that are not UTF-8). */
  public String displayName() {
    return RawText.display(name);
  }
}
