package io.rustyrun.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's {@code process.capabilities}: five sets of {@code CAP_*} names.
 *
 * <pre>{@code
 * Capabilities.of("CAP_CHOWN")                          // bounding = effective = permitted
 *     .withInheritable("CAP_CHOWN").withAmbient("CAP_CHOWN");
 * container.processField("capabilities", caps.toTree());
 * }</pre>
 *
 * @param bounding the bounding set
 * @param effective the effective set
 * @param permitted the permitted set
 * @param inheritable the inheritable set
 * @param ambient the ambient set
 */
public record Capabilities(
    List<String> bounding,
    List<String> effective,
    List<String> permitted,
    List<String> inheritable,
    List<String> ambient) {

  /** bounding, effective and permitted set to {@code names}, the way runc's template writes them. */
  public static Capabilities of(String... names) {
    List<String> set = List.of(names);
    return new Capabilities(set, set, set, List.of(), List.of());
  }

  public Capabilities withInheritable(String... names) {
    return new Capabilities(bounding, effective, permitted, List.of(names), ambient);
  }

  public Capabilities withAmbient(String... names) {
    return new Capabilities(bounding, effective, permitted, inheritable, List.of(names));
  }

  /** The {@code process.capabilities} tree; empty sets are written out as {@code []}. */
  public Map<String, Object> toTree() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("bounding", bounding);
    tree.put("effective", effective);
    tree.put("permitted", permitted);
    tree.put("inheritable", inheritable);
    tree.put("ambient", ambient);
    return tree;
  }
}
