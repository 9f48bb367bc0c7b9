package io.rustyrun.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rustyrun.runtime.lifecycle.ContainerState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OCI state JSON, the form {@code state} prints and {@code list --format json} lists:
 *
 * <pre>{@code
 * {"ociVersion":"1.2.1","id":"web-1","status":"running","pid":4242,"bundle":"/srv/web",
 *  "rootfs":"/srv/web/rootfs","created":"2026-12-03T11:00:00Z","annotations":{},"owner":"root"}
 * }</pre>
 */
final class StateJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateJson() {}

  static Map<String, Object> of(ContainerState s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ociVersion", VersionProvider.OCI_SPEC_VERSION);
    json.put("id", s.id());
    json.put("status", s.status().ociName());
    json.put("pid", s.pid());
    json.put("bundle", s.bundle() == null ? "" : s.bundle().toString());
    json.put("rootfs", s.rootfs() == null ? "" : s.rootfs().toString());
    json.put("created", s.created() == null ? "" : s.created().toString());
    json.put("annotations", s.annotations());
    json.put("owner", s.owner());
    return json;
  }

  static String render(Object value, boolean pretty) {
    try {
      return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
