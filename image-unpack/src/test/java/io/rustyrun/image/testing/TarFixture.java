package io.rustyrun.image.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds tar archives byte by byte, hostile ones included (umoci's {@code tarDentry} idea):
 * names are written as given, with {@code ..}, absolute paths or invalid UTF-8.
 *
 * <pre>{@code
 * byte[] tar = new TarFixture()
 *     .symlink("etc", "/outside")
 *     .file("etc/passwd", "root::0:0::/:/bin/sh\n")
 *     .bytes();
 * }</pre>
 */
public final class TarFixture {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Map<String, byte[]> pendingPax = new LinkedHashMap<>();

  public TarFixture dir(String name) {
    return entry(name, '5', 0755, new byte[0], "");
  }

  public TarFixture file(String name, String content) {
    return entry(name, '0', 0644, content.getBytes(StandardCharsets.UTF_8), "");
  }

  public TarFixture file(String name, byte[] content, int mode) {
    return entry(name, '0', mode, content, "");
  }

  public TarFixture symlink(String name, String target) {
    return entry(name, '2', 0777, new byte[0], target);
  }

  public TarFixture hardlink(String name, String target) {
    return entry(name, '1', 0644, new byte[0], target);
  }

  public TarFixture fifo(String name) {
    return entry(name, '6', 0644, new byte[0], "");
  }

  /** Attaches PAX records to the next entry. */
  public TarFixture pax(String key, byte[] value) {
    pendingPax.put(key, value);
    return this;
  }

  /** An entry of any type whose header declares {@code declaredSize} but carries {@code data}. */
  public TarFixture raw(String name, char type, long declaredSize, byte[] data) {
    flushPax();
    header(name.getBytes(StandardCharsets.UTF_8), type, 0644, declaredSize, new byte[0]);
    write(data);
    pad(data.length);
    return this;
  }

  public TarFixture entry(String name, char type, int mode, byte[] data, String link) {
    flushPax();
    header(name.getBytes(StandardCharsets.UTF_8), type, mode, data.length,
        link.getBytes(StandardCharsets.UTF_8));
    write(data);
    pad(data.length);
    return this;
  }

  /** The archive with its end marker. */
  public byte[] bytes() {
    byte[] body = out.toByteArray();
    return Arrays.copyOf(body, body.length + 1024);
  }

  /** The archive without an end marker (as a truncated stream would end). */
  public byte[] bytesWithoutEnd() {
    return out.toByteArray();
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  public static byte[] zstd(byte[] data) {
    return com.github.luben.zstd.Zstd.compress(data);
  }

  private void flushPax() {
    if (pendingPax.isEmpty()) {
      return;
    }
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> record : pendingPax.entrySet()) {
      byte[] body = concat((" " + record.getKey() + "=").getBytes(StandardCharsets.UTF_8),
          record.getValue(), new byte[] {'\n'});
      int length = body.length + 1;
      while (String.valueOf(length).length() + body.length != length) {
        length = String.valueOf(length).length() + body.length;
      }
      records.writeBytes(concat(String.valueOf(length).getBytes(StandardCharsets.US_ASCII), body));
    }
    pendingPax = new LinkedHashMap<>();
    byte[] data = records.toByteArray();
    header("PaxHeader".getBytes(StandardCharsets.US_ASCII), 'x', 0644, data.length, new byte[0]);
    write(data);
    pad(data.length);
  }

  private void header(byte[] name, char type, int mode, long size, byte[] link) {
    byte[] block = new byte[512];
    System.arraycopy(name, 0, block, 0, Math.min(100, name.length));
    octal(block, 100, 8, mode);
    octal(block, 108, 8, 0);
    octal(block, 116, 8, 0);
    octal(block, 124, 12, size);
    octal(block, 136, 12, 1_700_000_000L);
    block[156] = (byte) type;
    System.arraycopy(link, 0, block, 157, Math.min(100, link.length));
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, block, 257, 8);
    Arrays.fill(block, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    octal(block, 148, 7, sum);
    write(block);
  }

  private static void octal(byte[] block, int offset, int length, long value) {
    String text = String.format("%0" + (length - 1) + "o", value);
    System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, block, offset, length - 1);
  }

  private void pad(long size) {
    write(new byte[(int) ((512 - size % 512) % 512)]);
  }

  private void write(byte[] bytes) {
    out.writeBytes(bytes);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      joined.writeBytes(part);
    }
    return joined.toByteArray();
  }
}
