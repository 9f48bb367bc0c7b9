package io.rustyrun.image.tar;

import io.rustyrun.image.core.ImageUnpackException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Field access on one 512-byte ustar/GNU/v7 header block (POSIX.1-2017 {@code pax}, "ustar
 * Interchange Format"; GNU tar manual, "Basic Tar Format").
 *
 * <pre>{@code
 * HeaderBlock h = new HeaderBlock(block, source);
 * h.verifyChecksum();
 * long size = h.number(HeaderBlock.SIZE, 12);
 * }</pre>
 */
final class HeaderBlock {
  static final int NAME = 0;
  static final int MODE = 100;
  static final int UID = 108;
  static final int GID = 116;
  static final int SIZE = 124;
  static final int MTIME = 136;
  static final int CHECKSUM = 148;
  static final int TYPEFLAG = 156;
  static final int LINKNAME = 157;
  static final int MAGIC = 257;
  static final int DEVMAJOR = 329;
  static final int DEVMINOR = 337;
  static final int PREFIX = 345;

  private static final byte[] POSIX_MAGIC = "ustar\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] block;
  private final String source;

  HeaderBlock(byte[] block, String source) {
    this.block = block;
    this.source = source;
  }

  static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  byte typeflag() {
    return block[TYPEFLAG];
  }

  /**
   * Accepts the unsigned sum (the standard) or the signed one (old Sun and GNU tars); anything
   * else is corruption, caught here instead of being parsed as an entry.
   */
  void verifyChecksum() {
    long stored = number(CHECKSUM, 8);
    // Over the whole block, then the checksum field counted as eight spaces: no test per byte
    // in a loop that runs for every entry (interpreted, at first). The signed sum only when
    // the usual one does not match.
    long unsigned = 0;
    for (byte b : block) {
      unsigned += b & 0xff;
    }
    for (int i = CHECKSUM; i < CHECKSUM + 8; i++) {
      unsigned += ' ' - (block[i] & 0xff);
    }
    if (stored != unsigned && stored != unsigned - 256L * bytesAbove127()) {
      throw new ImageUnpackException(source + ": corrupt tar header (checksum mismatch)");
    }
  }

  /** Bytes that count 256 less in a signed sum; the checksum field counts as spaces. */
  private int bytesAbove127() {
    int count = 0;
    for (int i = 0; i < block.length; i++) {
      if (block[i] < 0 && (i < CHECKSUM || i >= CHECKSUM + 8)) {
        count++;
      }
    }
    return count;
  }

  /**
   * The name: the POSIX {@code prefix} field joins the name only for POSIX {@code ustar\0}
   * headers, since GNU headers keep atime/ctime in that area.
   */
  byte[] name() {
    byte[] name = text(NAME, 100);
    if (!isPosix()) {
      return name;
    }
    byte[] prefix = text(PREFIX, 155);
    if (prefix.length == 0) {
      return name;
    }
    byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
    joined[prefix.length] = '/';
    System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
    return joined;
  }

  byte[] linkName() {
    return text(LINKNAME, 100);
  }

  private boolean isPosix() {
    return Arrays.equals(block, MAGIC, MAGIC + 6, POSIX_MAGIC, 0, 6);
  }

  /** The bytes of a NUL-terminated (or full-width) text field. */
  byte[] text(int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return Arrays.copyOfRange(block, offset, end);
  }

  /**
   * A numeric field: octal ASCII (space/NUL terminated) or GNU base-256 (high bit of the first
   * byte set), which tars use for sizes over 8 GiB and ids over 2^21.
   */
  long number(int offset, int length) {
    if ((block[offset] & 0x80) != 0) {
      return base256(offset, length);
    }
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    long value = 0;
    for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
      int digit = block[i] - '0';
      if (digit < 0 || digit > 7 || value > (Long.MAX_VALUE >> 3)) {
        throw invalidNumber(offset);
      }
      value = (value << 3) | digit;
    }
    for (; i < end; i++) {
      if (block[i] != ' ' && block[i] != 0) {
        throw invalidNumber(offset);
      }
    }
    return value;
  }

  private long base256(int offset, int length) {
    if ((block[offset] & 0x40) != 0) {
      throw invalidNumber(offset); // negative
    }
    long value = block[offset] & 0x3f;
    for (int i = offset + 1; i < offset + length; i++) {
      if (value > (Long.MAX_VALUE >> 8)) {
        throw invalidNumber(offset);
      }
      value = (value << 8) | (block[i] & 0xff);
    }
    return value;
  }

  private ImageUnpackException invalidNumber(int offset) {
    return new ImageUnpackException(
        source + ": corrupt tar header (invalid numeric field at offset " + offset + ")");
  }
}
