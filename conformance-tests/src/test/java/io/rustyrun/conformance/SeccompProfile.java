package io.rustyrun.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI seccomp object ({@code linux.seccomp}) built rule by rule.
 *
 * <pre>{@code
 * SeccompProfile.allowing()                             // defaultAction SCMP_ACT_ALLOW
 *     .deny(38, "mkdir", "mkdirat")                     // SCMP_ACT_ERRNO, errnoRet 38 (ENOSYS)
 *     .denyWhenArgEquals(1, 0, 2, "socket");            // only socket(AF_INET, ...): EPERM
 * container.linuxField("seccomp", profile.toTree());
 * }</pre>
 */
public final class SeccompProfile {
  private final String defaultAction;
  private final Integer defaultErrnoRet;
  private final List<Map<String, Object>> rules = new ArrayList<>();

  private SeccompProfile(String defaultAction, Integer defaultErrnoRet) {
    this.defaultAction = defaultAction;
    this.defaultErrnoRet = defaultErrnoRet;
  }

  /** Everything allowed unless a rule says otherwise. */
  public static SeccompProfile allowing() {
    return new SeccompProfile("SCMP_ACT_ALLOW", null);
  }

  /** Everything fails with {@code errno} unless a rule allows it (podman's shape, 38 = ENOSYS). */
  public static SeccompProfile denyingWith(int errno) {
    return new SeccompProfile("SCMP_ACT_ERRNO", errno);
  }

  /** Every other call kills the process ({@code SCMP_ACT_KILL_PROCESS}: SIGSYS). */
  public static SeccompProfile killing() {
    return new SeccompProfile("SCMP_ACT_KILL_PROCESS", null);
  }

  /** {@code SCMP_ACT_ALLOW} for {@code names}. */
  public SeccompProfile allow(String... names) {
    return rule(List.of(names), "SCMP_ACT_ALLOW", null, List.of());
  }

  /** {@code SCMP_ACT_ERRNO} with {@code errnoRet}, or without one (the OCI default, EPERM). */
  public SeccompProfile deny(Integer errnoRet, String... names) {
    return rule(List.of(names), "SCMP_ACT_ERRNO", errnoRet, List.of());
  }

  /** {@code SCMP_ACT_ERRNO} only when argument {@code index} equals {@code value} (SCMP_CMP_EQ). */
  public SeccompProfile denyWhenArgEquals(int errnoRet, int index, long value, String... names) {
    Map<String, Object> arg = new LinkedHashMap<>();
    arg.put("index", index);
    arg.put("value", value);
    arg.put("valueTwo", 0);
    arg.put("op", "SCMP_CMP_EQ");
    return rule(List.of(names), "SCMP_ACT_ERRNO", errnoRet, List.of(arg));
  }

  /** The {@code linux.seccomp} tree. */
  public Map<String, Object> toTree() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("defaultAction", defaultAction);
    if (defaultErrnoRet != null) {
      tree.put("defaultErrnoRet", defaultErrnoRet);
    }
    tree.put("syscalls", List.copyOf(rules));
    return tree;
  }

  private SeccompProfile rule(
      List<String> names, String action, Integer errnoRet, List<Map<String, Object>> args) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("names", names);
    rule.put("action", action);
    if (errnoRet != null) {
      rule.put("errnoRet", errnoRet);
    }
    if (!args.isEmpty()) {
      rule.put("args", args);
    }
    rules.add(rule);
    return this;
  }
}
