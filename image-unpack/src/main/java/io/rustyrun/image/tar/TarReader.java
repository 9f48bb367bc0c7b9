package io.rustyrun.image.tar;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.LimitExceededException;
import io.rustyrun.image.core.UnpackBudget;
import io.rustyrun.image.fs.RawText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the entries of one uncompressed tar (ustar, GNU and PAX), strictly: a bad checksum,
 * a truncated stream or an unknown entry type is an error, never the end of the archive.
 *
 * <pre>{@code
 * TarReader tar = new TarReader(in, "layer \"sha256:…\"", budget);
 * for (Optional<TarEntry> e = tar.next(); e.isPresent(); e = tar.next()) {
 *   int n = tar.read(buf, 0, buf.length);   // the entry's data, -1 at its end
 * }
 * // next() returned empty: the stream was read to EOF, so gzip CRCs and digests are complete
 * }</pre>
 *
 * <p>Rules that exist because another reader was exploited without them:
 * <ul>
 *   <li>PAX {@code size} overrides the header size (CVE-2025-62518, "TARmageddon": a reader
 *       ignoring it desynchronises and reads smuggled entries from file data);
 *   <li>PAX and GNU long-name records are capped (CVE-2022-2879: unbounded PAX headers);
 *   <li>sparse entries are refused (SECURITY.md 1.8);
 *   <li>only regular files and hardlinks may carry data: a symlink or directory with a size is
 *       refused rather than guessed at, since readers disagree on it;
 *   <li>after the end marker the rest of the stream is read to EOF (Python's {@code tarfile}
 *       stops there and never sees a bad gzip CRC, SECURITY.md 1.7).
 * </ul>
 */
public final class TarReader {
  /** Linux {@code PATH_MAX}: no name the kernel accepts is longer. */
  static final int MAX_PATH_BYTES = 4096;

  private static final int BLOCK = 512;

  private final InputStream in;
  private final String source;
  private final UnpackBudget budget;
  private final byte[] block = new byte[BLOCK];
  private final byte[] scratch = new byte[64 * 1024];
  private long remaining;
  private long padding;
  private long position;
  private boolean ended;

  /**
   * @param in the uncompressed tar stream (not closed by this reader)
   * @param source what is being read, quoted, for messages: {@code layer "sha256:…"}
   * @param budget counts every byte and entry against the limits
   */
  public TarReader(InputStream in, String source, UnpackBudget budget) {
    this.in = in;
    this.source = source;
    this.budget = budget;
  }

  /**
   * The next entry, or empty after the end-of-archive marker (the stream has then been read to
   * its end). Skips whatever the caller left unread of the previous entry's data.
   */
  public Optional<TarEntry> next() {
    if (ended) {
      return Optional.empty();
    }
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    PaxHeaders pax = null;
    byte[] longName = null;
    byte[] longLink = null;
    while (true) {
      readBlock("header");
      if (HeaderBlock.isZero(block)) {
        endOfArchive();
        return Optional.empty();
      }
      HeaderBlock header = new HeaderBlock(block, source);
      header.verifyChecksum();
      long size = header.number(HeaderBlock.SIZE, 12);
      switch (header.typeflag()) {
        case 'x' -> pax = PaxHeaders.parse(readMeta(size, "PAX header"), source);
        case 'g' -> readMeta(size, "PAX global header"); // global defaults: ignored, as Go does
        case 'L' -> longName = trimNul(readMeta(size, "GNU long name"));
        case 'K' -> longLink = trimNul(readMeta(size, "GNU long link name"));
        default -> {
          TarEntry entry = entry(header, size, pax, longName, longLink);
          budget.addEntry(source);
          remaining = entry.type().hasData() ? entry.size() : 0;
          padding = padding(remaining);
          return Optional.of(entry);
        }
      }
    }
  }

  /**
   * Bytes consumed from the stream so far; right after {@link #next} returned an entry, the
   * offset of its data.
   */
  public long position() {
    return position;
  }

  /**
   * Passes over the current entry's unread data without reading it where the stream can seek,
   * counting it against the budget: for data copied from the tar file by other means
   * ({@link io.rustyrun.image.fs.FileSink#copyFrom}), from {@link #position()} on.
   */
  public void skipData() {
    skip(remaining);
    remaining = 0;
  }

  /** Reads the current entry's data; -1 at its end. */
  public int read(byte[] buf, int off, int len) {
    if (remaining == 0) {
      return -1;
    }
    int n = readSome(buf, off, (int) Math.min(len, remaining));
    remaining -= n;
    return n;
  }

  private TarEntry entry(
      HeaderBlock header, long headerSize, PaxHeaders pax, byte[] longName, byte[] longLink) {
    byte[] name = pax != null && pax.path() != null ? pax.path()
        : longName != null ? longName : header.name();
    byte[] link = pax != null && pax.linkPath() != null ? pax.linkPath()
        : longLink != null ? longLink : header.linkName();
    long size = pax != null && pax.size() != null ? pax.size() : headerSize;
    EntryType type = type(header.typeflag(), name);
    checkPath(name, "name");
    checkPath(link, "link target");
    if (size != 0 && !type.hasData()) {
      throw new ImageUnpackException(
          source + ": tar entry " + quoted(name) + " of type " + type + " carries data");
    }
    if (type == EntryType.REGULAR && size > budget.limits().maxFileBytes()) {
      throw new LimitExceededException(
          "--max-file-bytes", budget.limits().maxFileBytes(), source + " entry " + quoted(name));
    }
    long[] mtime = pax != null && pax.mtime() != null ? pax.mtime()
        : new long[] {header.number(HeaderBlock.MTIME, 12), 0};
    return new TarEntry(
        name,
        type,
        (int) (header.number(HeaderBlock.MODE, 8) & 07777),
        pax != null && pax.uid() != null ? pax.uid() : header.number(HeaderBlock.UID, 8),
        pax != null && pax.gid() != null ? pax.gid() : header.number(HeaderBlock.GID, 8),
        size,
        mtime[0],
        (int) mtime[1],
        link,
        (int) header.number(HeaderBlock.DEVMAJOR, 8),
        (int) header.number(HeaderBlock.DEVMINOR, 8),
        pax != null ? pax.xattrs() : Map.of());
  }

  private EntryType type(byte typeflag, byte[] name) {
    return switch (typeflag) {
      // A pre-POSIX (v7) regular entry whose name ends in '/' is a directory.
      case '0', 0 -> name.length > 0 && name[name.length - 1] == '/'
          ? EntryType.DIRECTORY : EntryType.REGULAR;
      case '7' -> EntryType.REGULAR; // contiguous file: a regular file everywhere but RTOS
      case '1' -> EntryType.HARDLINK;
      case '2' -> EntryType.SYMLINK;
      case '3' -> EntryType.CHAR_DEVICE;
      case '4' -> EntryType.BLOCK_DEVICE;
      case '5' -> EntryType.DIRECTORY;
      case '6' -> EntryType.FIFO;
      case 'S' -> throw new ImageUnpackException(
          source + ": sparse tar entries are not supported (" + quoted(name) + ")");
      default -> throw new ImageUnpackException(
          source + ": tar entry " + quoted(name) + " has unsupported type "
              + ImageUnpackException.quote((char) (typeflag & 0xff)));
    };
  }

  private void checkPath(byte[] path, String what) {
    if (path.length > MAX_PATH_BYTES) {
      throw new ImageUnpackException(
          source + ": tar entry " + what + " longer than " + MAX_PATH_BYTES + " bytes");
    }
  }

  /** Reads a PAX or GNU meta record's data, capped: these are held in memory. */
  private byte[] readMeta(long size, String what) {
    long cap = budget.limits().maxPaxHeaderBytes();
    if (size > cap) {
      throw new LimitExceededException("--max-pax-header-bytes", cap, source + " " + what);
    }
    byte[] data = new byte[(int) size];
    readFully(data, data.length, what);
    skip(padding(size));
    return data;
  }

  /**
   * Two zero blocks end the archive; one zero block followed by EOF is accepted (GNU tar does),
   * one followed by a header is corruption. Then the rest is read to EOF.
   */
  private void endOfArchive() {
    int n = readUpTo(block, BLOCK);
    if (n > 0 && (n < BLOCK || !HeaderBlock.isZero(block))) {
      throw new ImageUnpackException(source + ": corrupt tar (data after a lone zero block)");
    }
    while (readUpTo(scratch, scratch.length) > 0) {
      // Drain: decompressors check their trailers (gzip CRC, zstd checksum) only at EOF.
    }
    ended = true;
  }

  private void readBlock(String what) {
    readFully(block, BLOCK, what);
  }

  private void readFully(byte[] buf, int len, String what) {
    int done = 0;
    while (done < len) {
      done += readSome(buf, done, len - done, what);
    }
  }

  /**
   * Skips with {@link InputStream#skip} where the stream can seek (an archive file being
   * indexed), reading through otherwise (hashing streams read through on skip).
   */
  private void skip(long count) {
    while (count > 0) {
      long skipped = skipRaw(count);
      count -= skipped > 0 ? skipped
          : readSome(scratch, 0, (int) Math.min(count, scratch.length), "entry data");
    }
  }

  private long skipRaw(long count) {
    try {
      long n = in.skip(count);
      if (n > 0) {
        budget.addBytes(n, source);
        position += n;
      }
      return n;
    } catch (IOException e) {
      throw new ImageUnpackException(source + ": " + describe(e), e);
    }
  }

  private int readSome(byte[] buf, int off, int len) {
    return readSome(buf, off, len, "entry data");
  }

  private int readSome(byte[] buf, int off, int len, String what) {
    int n = readRaw(buf, off, len);
    if (n < 0) {
      throw new ImageUnpackException(source + ": truncated tar (unexpected end in " + what + ")");
    }
    return n;
  }

  /** Reads up to {@code len} bytes, fewer only at EOF; 0 at EOF. */
  private int readUpTo(byte[] buf, int len) {
    int done = 0;
    while (done < len) {
      int n = readRaw(buf, done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  private int readRaw(byte[] buf, int off, int len) {
    try {
      int n = in.read(buf, off, len);
      if (n > 0) {
        budget.addBytes(n, source);
        position += n;
      }
      return n;
    } catch (IOException e) {
      throw new ImageUnpackException(source + ": " + describe(e), e);
    } catch (UncheckedIOException e) {
      throw new ImageUnpackException(source + ": " + describe(e.getCause()), e);
    }
  }

  /** An I/O failure as a fact: decompressors report corruption (bad CRC) this way. */
  static String describe(IOException e) {
    String message = e.getMessage();
    return "corrupt or unreadable stream ("
        + (message == null ? e.getClass().getSimpleName() : message) + ")";
  }

  private static long padding(long size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
  }

  private static byte[] trimNul(byte[] data) {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(data, end);
  }

  private static String quoted(byte[] name) {
    return ImageUnpackException.quote(RawText.display(name));
  }
}
