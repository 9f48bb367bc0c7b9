package io.rustyrun.runtime.lifecycle;

import io.rustyrun.runtime.state.ProcessIdentity;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code create} records about a container, beside its state directory's other files:
 * enough to answer {@code state} and to find its processes, with no rustyrun process alive.
 *
 * <pre>{@code
 * ContainerRecord r = new ContainerRecord("web-1", bundle, rootfs, init, Instant.now(), Map.of());
 * dir.write("record", r.encode());
 * }</pre>
 *
 * @param id the container id
 * @param bundle the bundle directory as the client gave it
 * @param rootfs the rootfs directory
 * @param init the container's PID 1 on the host
 * @param created when it was created
 * @param annotations the spec's annotations
 */
public record ContainerRecord(
    String id, Path bundle, Path rootfs, ProcessIdentity init, Instant created, Map<String, String> annotations) {

  private static final String ANNOTATION = "annotation.";

  public ContainerRecord {
    annotations = Map.copyOf(annotations);
  }

  /** A {@link Properties} text (escaping every value), so no JSON library is needed here. */
  public String encode() {
    Properties p = new Properties();
    p.setProperty("id", id);
    p.setProperty("bundle", bundle.toString());
    p.setProperty("rootfs", rootfs.toString());
    p.setProperty("init", init.encode());
    p.setProperty("created", created.toString());
    annotations.forEach((k, v) -> p.setProperty(ANNOTATION + k, v));
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static ContainerRecord decode(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> annotations = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(ANNOTATION)) {
        annotations.put(key.substring(ANNOTATION.length()), p.getProperty(key));
      }
    }
    return new ContainerRecord(p.getProperty("id"), Path.of(p.getProperty("bundle")),
        Path.of(p.getProperty("rootfs")), ProcessIdentity.decode(p.getProperty("init")),
        Instant.parse(p.getProperty("created")), annotations);
  }
}
