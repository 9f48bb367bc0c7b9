package io.rustyrun.image.tar;

import io.rustyrun.image.blob.ImageFiles;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Limits;
import io.rustyrun.image.core.ProgressListener;
import io.rustyrun.image.core.UnpackBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The members of an uncompressed archive (docker-save, OCI archive) read in place: one pass over
 * the headers records where each member's data is, then members are read by position.
 *
 * <pre>{@code
 * try (TarImageFiles files =
 *     TarImageFiles.indexImageArchive(channel, "\"img.tar\"", limits).orElseThrow()) {
 *   files.open("manifest.json");
 * }
 * }</pre>
 *
 * <p>Symlink and hardlink members are resolved inside the archive only (skopeo's
 * docker-archive has {@code <id>/layer.tar -> ../<diffid>.tar}, SECURITY.md 3); a link that
 * climbs out of the archive, or loops, makes the member unreadable.
 */
public final class TarImageFiles implements ImageFiles {
  private static final int MAX_HOPS = 40;
  private static final Pattern ARCHIVE_MEMBER = Pattern.compile(
      "oci-layout|index\\.json|manifest\\.json|repositories|blobs|blobs/sha256"
          + "|blobs/sha256/[a-f0-9]{64}|[a-f0-9]{64}(\\.tar|\\.json)?"
          + "|[a-f0-9]{64}/(VERSION|json|layer\\.tar)");

  private final SeekableByteChannel channel;
  private final String description;
  private final Map<String, Member> members;

  private record Member(EntryType type, long offset, long size, String link) {}

  private TarImageFiles(SeekableByteChannel channel, String description,
      Map<String, Member> members) {
    this.channel = channel;
    this.description = description;
    this.members = members;
  }

  /**
   * Indexes {@code channel} (positioned at 0; closed by {@link #close}) if it is an image
   * archive: every member name must be one a docker-save or OCI archive uses
   * ({@code manifest.json}, {@code blobs/sha256/<hex>}, {@code <hex>/layer.tar}...). The scan
   * stops at the first other name, so telling a rootfs tarball apart costs one header.
   *
   * @param description the archive for messages, quoted
   * @return the indexed members, or empty when this is not an image archive
   */
  public static Optional<TarImageFiles> indexImageArchive(SeekableByteChannel channel,
      String description, Limits limits) {
    UnpackBudget budget =
        new UnpackBudget(limits.withMaxTotalBytes(Long.MAX_VALUE), ProgressListener.NONE);
    TarReader reader = new TarReader(Channels.newInputStream(channel), description, budget);
    Map<String, Member> members = new HashMap<>();
    for (Optional<TarEntry> next = reader.next(); next.isPresent(); next = reader.next()) {
      TarEntry entry = next.get();
      Optional<String> name = clean(new String(entry.name(), StandardCharsets.UTF_8));
      if (name.isEmpty() && entry.type() == EntryType.DIRECTORY) {
        continue; // "./", as `tar -C layout -c .` writes
      }
      if (name.isEmpty() || !ARCHIVE_MEMBER.matcher(name.get()).matches()) {
        return Optional.empty();
      }
      members.put(name.get(), new Member(entry.type(), reader.position(), entry.size(),
          new String(entry.linkName(), StandardCharsets.UTF_8)));
    }
    return Optional.of(new TarImageFiles(channel, description, members));
  }

  @Override
  public Optional<Long> size(String name) {
    return resolve(name, 0).map(Member::size);
  }

  @Override
  public InputStream open(String name) {
    Member member = resolve(name, 0).orElseThrow(() -> new ImageUnpackException(
        ImageUnpackException.quote(name) + ": not found in " + description));
    return new Slice(member.offset(), member.size());
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new ImageUnpackException("cannot close " + description + ": " + e.getMessage(), e);
    }
  }

  private Optional<Member> resolve(String name, int hops) {
    Member member = members.get(name);
    if (member == null || hops > MAX_HOPS) {
      return Optional.empty();
    }
    return switch (member.type()) {
      case REGULAR -> Optional.of(member);
      case SYMLINK -> {
        int slash = name.lastIndexOf('/');
        String base = slash < 0 ? "" : name.substring(0, slash + 1);
        yield member.link().startsWith("/") ? Optional.empty()
            : clean(base + member.link()).flatMap(target -> resolve(target, hops + 1));
      }
      case HARDLINK -> clean(member.link()).flatMap(target -> resolve(target, hops + 1));
      default -> Optional.empty();
    };
  }

  /** Lexically cleaned, relative; empty for names that leave the archive's root. */
  static Optional<String> clean(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
        continue;
      }
      parts.add(part);
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }

  /** A member's bytes, read by position; the channel is shared, so reads lock it. */
  private final class Slice extends InputStream {
    private long position;
    private final long end;

    Slice(long offset, long size) {
      this.position = offset;
      this.end = offset + size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      int want = (int) Math.min(len, end - position);
      int n;
      synchronized (channel) {
        channel.position(position);
        n = channel.read(ByteBuffer.wrap(buf, off, want));
      }
      if (n < 0) {
        throw new IOException(description + " is truncated");
      }
      position += n;
      return n;
    }
  }
}
