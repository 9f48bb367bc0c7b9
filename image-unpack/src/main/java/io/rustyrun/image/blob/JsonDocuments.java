package io.rustyrun.image.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the small JSON documents of an image (index, manifest, config, docker
 * {@code manifest.json}) with a size cap and, when a descriptor names them, a digest check.
 *
 * <pre>{@code
 * JsonDocuments json = new JsonDocuments(files, limits.maxJsonBytes());
 * Manifest m = json.read(digest.blobPath(), Manifest.class, Optional.of(digest), size, what);
 * }</pre>
 *
 * <p>The cap is checked on the stored size before reading and again while reading: containerd
 * read unbounded JSON and could be run out of memory (CVE-2023-25153). Unknown fields are
 * ignored, as these are foreign formats (jib's {@code DockerManifestEntryTemplate} does the
 * same).
 */
public final class JsonDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ImageFiles files;
  private final int maxBytes;

  public JsonDocuments(ImageFiles files, int maxBytes) {
    this.files = files;
    this.maxBytes = maxBytes;
  }

  /**
   * Reads {@code name} as {@code type}.
   *
   * @param expected the descriptor digest, or null when the format has none
   * @param expectedSize the descriptor size, or -1
   * @param what the document for messages, quoted
   */
  public <T> T read(String name, Class<T> type, Digest expected, long expectedSize, String what) {
    byte[] bytes = bytes(name, what);
    if (expectedSize >= 0 && bytes.length != expectedSize) {
      throw new ImageUnpackException(what + ": size mismatch (descriptor says " + expectedSize
          + ", read " + bytes.length + ")");
    }
    if (expected != null) {
      Digest actual = Digest.of(Sha256.Engine.JDK.hash(bytes));
      if (!actual.equals(expected)) {
        throw new ImageUnpackException(
            what + ": digest mismatch (got " + ImageUnpackException.quote(actual) + ")");
      }
    }
    try {
      return MAPPER.readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw new ImageUnpackException(what + ": invalid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ImageUnpackException(what + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private byte[] bytes(String name, String what) {
    long size = files.size(name).orElseThrow(() ->
        new ImageUnpackException(what + ": not found in " + files.description()));
    if (size > maxBytes) {
      throw new LimitExceededException("--max-json-bytes", maxBytes, what);
    }
    try (InputStream in = files.open(name)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new LimitExceededException("--max-json-bytes", maxBytes, what);
      }
      return bytes;
    } catch (IOException e) {
      throw new ImageUnpackException(what + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

}
