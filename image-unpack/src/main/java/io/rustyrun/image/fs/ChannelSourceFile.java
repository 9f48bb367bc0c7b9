package io.rustyrun.image.fs;

import io.rustyrun.image.core.ImageUnpackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A {@link SourceFile} over a {@link FileChannel} of any NIO file system: what
 * {@link RootfsWriter#openSource} opens unless a writer has a faster way.
 *
 * <pre>{@code
 * SourceFile image = ChannelSourceFile.open(jimfs.getPath("/images/rootfs.tar"));
 * }</pre>
 */
final class ChannelSourceFile implements SourceFile {
  private final FileChannel channel;
  private final Path file;

  private ChannelSourceFile(FileChannel channel, Path file) {
    this.channel = channel;
    this.file = file;
  }

  static SourceFile open(Path file) {
    try {
      return new ChannelSourceFile(FileChannel.open(file), file);
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(file, e);
    }
  }

  @Override
  public int read(long position, byte[] buf, int off, int len) {
    try {
      return Math.max(0, channel.read(ByteBuffer.wrap(buf, off, len), position));
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(file, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(file, e);
    }
  }

}
