package io.rustyrun.image.tar;

import io.rustyrun.image.core.ImageUnpackException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of one PAX extended header ({@code typeflag 'x'}), kept as raw bytes.
 *
 * <pre>{@code
 * PaxHeaders pax = PaxHeaders.parse("30 path=x/non-utf8-\xff\xfe.bin\n" bytes, source);
 * pax.path();   // the raw bytes, 0xff 0xfe included
 * }</pre>
 *
 * <p>Why not commons-compress: its {@code TarUtils.parsePaxHeaders} decodes every value as
 * UTF-8, which replaces non-UTF-8 path bytes and binary xattr values ({@code 00 01 02 ff} in
 * the fixtures) with U+FFFD. Go's {@code archive/tar} writes such values raw.
 */
final class PaxHeaders {
  private static final String XATTR = "SCHILY.xattr.";

  private byte[] path;
  private byte[] linkPath;
  private Long size;
  private Long uid;
  private Long gid;
  private long[] mtime;
  private final Map<String, byte[]> xattrs = new LinkedHashMap<>();

  /** Parses {@code "<length> <key>=<value>\n"} records; malformed input is an error. */
  static PaxHeaders parse(byte[] data, String source) {
    PaxHeaders pax = new PaxHeaders();
    int pos = 0;
    while (pos < data.length) {
      int space = indexOf(data, (byte) ' ', pos);
      long length = space < 0 ? -1 : decimal(data, pos, space);
      if (length <= space - pos + 1 || pos + length > data.length
          || data[(int) (pos + length - 1)] != '\n') {
        throw malformed(source);
      }
      int end = (int) (pos + length - 1);
      int equals = indexOf(data, (byte) '=', space + 1);
      if (equals < 0 || equals > end) {
        throw malformed(source);
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
      pax.record(key, Arrays.copyOfRange(data, equals + 1, end), source);
      pos = end + 1;
    }
    return pax;
  }

  private void record(String key, byte[] value, String source) {
    if (key.startsWith("GNU.sparse.")) {
      // umoci wrote 11 GB of zeros for a 1 TiB sparse entry (SECURITY.md 1.8); images never
      // need sparse files, so refuse them outright.
      throw new ImageUnpackException(source + ": sparse tar entries are not supported");
    }
    switch (key) {
      case "path" -> path = value;
      case "linkpath" -> linkPath = value;
      case "size" -> size = number(value, key, source);
      case "uid" -> uid = number(value, key, source);
      case "gid" -> gid = number(value, key, source);
      case "mtime" -> mtime = time(value, source);
      default -> {
        if (key.startsWith(XATTR) && key.length() > XATTR.length()) {
          xattrs.put(key.substring(XATTR.length()), value);
        }
      }
    }
  }

  byte[] path() {
    return path;
  }

  byte[] linkPath() {
    return linkPath;
  }

  Long size() {
    return size;
  }

  Long uid() {
    return uid;
  }

  Long gid() {
    return gid;
  }

  /** {@code [seconds, nanos]} or null. */
  long[] mtime() {
    return mtime;
  }

  Map<String, byte[]> xattrs() {
    return xattrs;
  }

  private static long number(byte[] value, String key, String source) {
    long n = value.length == 0 ? -1 : decimal(value, 0, value.length);
    if (n < 0) {
      throw new ImageUnpackException(
          source + ": invalid PAX record " + ImageUnpackException.quote(key));
    }
    return n;
  }

  private static long[] time(byte[] value, String source) {
    String text = new String(value, StandardCharsets.US_ASCII);
    if (!text.matches("-?[0-9]{1,18}(\\.[0-9]*)?")) {
      throw new ImageUnpackException(source + ": invalid PAX record \"mtime\"");
    }
    int dot = text.indexOf('.');
    long seconds = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
    String fraction = dot < 0 ? "" : (text.substring(dot + 1) + "000000000").substring(0, 9);
    long nanos = fraction.isEmpty() ? 0 : Long.parseLong(fraction);
    if (text.startsWith("-") && nanos > 0) {
      return new long[] {seconds - 1, 1_000_000_000 - nanos};
    }
    return new long[] {seconds, nanos};
  }

  /** Non-negative decimal in {@code data[from, to)}, or -1 when it is not one. */
  private static long decimal(byte[] data, int from, int to) {
    if (to - from > 18 || to == from) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      int digit = data[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      n = n * 10 + digit;
    }
    return n;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static ImageUnpackException malformed(String source) {
    return new ImageUnpackException(source + ": malformed PAX extended header");
  }
}
