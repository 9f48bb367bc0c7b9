package io.rustyrun.runtime.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every hook gets on its stdin: the container's OCI state at the moment the hook runs.
 *
 * <pre>{@code
 * new HookState("1.2.1", "web-1", Path.of("/srv/web"), Map.of()).json("created", 4242)
 * // {"ociVersion":"1.2.1","id":"web-1","status":"created","pid":4242,"bundle":"/srv/web","annotations":{}}
 * }</pre>
 *
 * <p>Written by hand: the stages that run hooks load no JSON library.
 *
 * @param ociVersion the runtime-spec version rustyrun implements
 * @param id the container id
 * @param bundle the bundle directory (for {@code run}, the spec file's directory)
 * @param annotations the spec's annotations
 */
public record HookState(String ociVersion, String id, Path bundle, Map<String, String> annotations) {
  private static final String HEX = "0123456789abcdef";

  public HookState {
    annotations = Map.copyOf(annotations);
  }

  /** The state JSON with this status ({@code creating}, {@code created}, ...) and pid (0: none). */
  public String json(String status, int pid) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"ociVersion\":");
    string(json, ociVersion);
    json.append(",\"id\":");
    string(json, id);
    json.append(",\"status\":");
    string(json, status);
    if (pid > 0) {
      json.append(",\"pid\":").append(pid);
    }
    json.append(",\"bundle\":");
    string(json, bundle.toString());
    json.append(",\"annotations\":{");
    String separator = "";
    for (Map.Entry<String, String> a : new TreeMap<>(annotations).entrySet()) {
      json.append(separator);
      string(json, a.getKey());
      json.append(':');
      string(json, a.getValue());
      separator = ",";
    }
    return json.append("}}").toString();
  }

  /** A JSON string literal (RFC 8259 section 7). */
  private static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
