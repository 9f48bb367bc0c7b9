package io.rustyrun.image.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on its own thread, a few chunks ahead of the consumer, so decompression and
 * hashing overlap with file creation: GNU {@code tar -xzf} gets the same effect by running
 * {@code gzip} as a separate process.
 *
 * <pre>{@code
 * try (ReadAhead ahead = new ReadAhead(decompressedAndHashed, verifyDigests, "layer 1")) {
 *   new TarReader(ahead, source, budget) ...
 * }
 * }</pre>
 *
 * <p>{@code atEnd} runs on the reader thread once the source hits EOF (it verifies digests);
 * a failure there or in the source reaches the consumer as the {@link IOException} of its
 * next read, never as a silently shorter stream.
 */
public final class ReadAhead extends InputStream {
  /** What runs on the reader thread at EOF; may throw to fail the stream. */
  @FunctionalInterface
  public interface AtEnd {
    void run() throws IOException;
  }

  private static final int CHUNK = 256 * 1024;
  private static final int DEPTH = 8;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(DEPTH);
  /**
   * Buffers the consumer has finished with, for the reader to fill again: a fresh 256 KiB array
   * per chunk would make every byte of an image new heap (page faults, zeroing, collections).
   * At most DEPTH + 2 buffers exist: queued, being read by the consumer, being filled.
   */
  private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
  private final Thread reader;
  private byte[] current = new byte[0];
  private int currentLength;
  private int position;
  private boolean finished;

  /**
   * @param source the stream to read ahead (closed by the reader thread)
   * @param atEnd runs on the reader thread at EOF
   * @param name the thread's name, for thread dumps
   */
  public ReadAhead(InputStream source, AtEnd atEnd, String name) {
    this.reader = Thread.ofPlatform().daemon().name("read-ahead " + name)
        .start(() -> pump(source, atEnd));
  }

  private record Chunk(byte[] data, int length) {}

  private void pump(InputStream source, AtEnd atEnd) {
    try (source) {
      while (true) {
        byte[] spareData = spare.poll();
        byte[] data = spareData != null ? spareData : new byte[CHUNK];
        int length = source.readNBytes(data, 0, CHUNK);
        if (length > 0) {
          chunks.put(new Chunk(data, length));
        }
        if (length < CHUNK) {
          break;
        }
      }
      atEnd.run();
      chunks.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the consumer closed early: stop quietly
    } catch (IOException | RuntimeException e) {
      offerFailure(e);
    }
  }

  private void offerFailure(Exception e) {
    try {
      chunks.put(e);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position == currentLength && !nextChunk()) {
      return -1;
    }
    int n = Math.min(len, currentLength - position);
    System.arraycopy(current, position, buf, off, n);
    position += n;
    return n;
  }

  private boolean nextChunk() throws IOException {
    if (finished) {
      return false;
    }
    Object next;
    try {
      next = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    }
    if (next == END) {
      finished = true;
      return false;
    }
    if (next instanceof IOException e) {
      finished = true;
      throw e;
    }
    if (next instanceof RuntimeException e) {
      finished = true;
      throw e;
    }
    Chunk chunk = (Chunk) next;
    if (current.length == CHUNK) {
      spare.offer(current);
    }
    current = chunk.data();
    currentLength = chunk.length();
    position = 0;
    return true;
  }

  /** Stops the reader thread (if still running) and waits for it. */
  @Override
  public void close() {
    reader.interrupt();
    chunks.clear();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
