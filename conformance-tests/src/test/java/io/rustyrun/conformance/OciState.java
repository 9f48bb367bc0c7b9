package io.rustyrun.conformance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of the OCI state JSON ({@code rustyrun state ID}) that clients read.
 *
 * <pre>{@code
 * OciState state = OciState.parse("{\"id\": \"c1\", \"status\": \"created\", \"pid\": 4242, ...}");
 * state.status();    // "created"
 * state.pid();       // 4242
 * }</pre>
 *
 * <p>Read with patterns rather than a JSON library: the module has no Jackson on purpose (no
 * dependency on what it tests), and the state is a flat object whose strings we never escape.
 *
 * @param id the container id
 * @param status {@code creating}, {@code created}, {@code running} or {@code stopped}
 * @param pid the host pid of init, 0 when absent (runc omits it once stopped)
 * @param bundle the bundle path as given to create
 * @param json the whole text, for failure messages
 */
record OciState(String id, String status, long pid, String bundle, String json) {

  static OciState parse(String json) {
    return new OciState(
        string(json, "id").orElseThrow(() -> new AssertionError("no \"id\" in state:\n" + json)),
        string(json, "status")
            .orElseThrow(() -> new AssertionError("no \"status\" in state:\n" + json)),
        number(json, "pid").orElse(0L),
        string(json, "bundle").orElse(""),
        json);
  }

  private static Optional<String> string(String json, String field) {
    Matcher matcher =
        Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static Optional<Long> number(String json, String field) {
    Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
    return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
  }
}
