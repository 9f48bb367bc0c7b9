package io.rustyrun.runtime.cgroup;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * What a list of device rules means when the kernel's cgroup v1 devices controller applies them
 * in order: a default (allow or deny everything) and the exceptions to it. cgroup v2 has no such
 * controller, so this is computed first and then compiled into a program ({@link DeviceFilter}),
 * as runc's devices emulator does.
 *
 * <pre>{@code
 * DeviceRuleSet set = DeviceRuleSet.of(List.of(DeviceRule.DENY_ALL, nullDevice));
 * set.defaultAllow();   // false
 * set.exceptions();     // [allow c 1:3 rwm]
 * }</pre>
 *
 * <p>The v1 semantics (kernel {@code Documentation/admin-guide/cgroup-v1/devices.rst}): a rule of
 * type {@code a} makes its verdict the default and drops every exception; another rule with the
 * default's verdict removes its access from the exception of exactly the same type and numbers;
 * one with the opposite verdict adds an exception, merged with an existing one.
 */
final class DeviceRuleSet {
  /** An exception's match part: type and numbers ({@link DeviceRule#ANY} for {@code *}). */
  private record Match(DeviceRule.Type type, long major, long minor) {}

  /** runc's order, so the program reads like its golden tests: major, minor, then b before c. */
  private static final Comparator<Match> ORDER = Comparator.comparingLong(Match::major)
      .thenComparingLong(Match::minor)
      .thenComparing(match -> match.type().letter());

  private boolean defaultAllow;
  private final Map<Match, String> exceptions = new LinkedHashMap<>();

  private DeviceRuleSet() {}

  /** Applies {@code rules} in order to a cgroup that starts out denying everything, as runc's does. */
  static DeviceRuleSet of(List<DeviceRule> rules) {
    DeviceRuleSet set = new DeviceRuleSet();
    rules.forEach(set::apply);
    return set;
  }

  private void apply(DeviceRule rule) {
    if (rule.type() == DeviceRule.Type.ALL) {
      defaultAllow = rule.allow();
      exceptions.clear();
      return;
    }
    Match match = new Match(rule.type(), rule.major(), rule.minor());
    if (rule.allow() == defaultAllow) {
      remove(match, rule);
    } else {
      exceptions.merge(match, rule.access(), DeviceRuleSet::union);
    }
  }

  /**
   * The kernel silently keeps a wildcard exception that overlaps the rule, so the rule would not
   * take effect; runc refuses such a rule rather than let a container believe it holds.
   */
  private void remove(Match match, DeviceRule rule) {
    List<Match> wildcards = List.of(
        new Match(match.type(), DeviceRule.ANY, match.minor()),
        new Match(match.type(), match.major(), DeviceRule.ANY),
        new Match(match.type(), DeviceRule.ANY, DeviceRule.ANY));
    for (Match wildcard : wildcards) {
      String held = exceptions.get(wildcard);
      if (!wildcard.equals(match) && held != null && !intersection(held, rule.access()).isEmpty()) {
        DeviceRule overlapping = new DeviceRule(!defaultAllow, wildcard.type(), wildcard.major(), wildcard.minor(), held);
        throw new CgroupException("cannot apply device rule \"" + rule + "\": it would punch a hole in the earlier rule \""
            + overlapping + "\", which cgroup v1 semantics do not allow");
      }
    }
    String left = difference(exceptions.getOrDefault(match, ""), rule.access());
    if (left.isEmpty()) {
      exceptions.remove(match);
    } else {
      exceptions.put(match, left);
    }
  }

  /** Whether a device no exception matches may be used. */
  boolean defaultAllow() {
    return defaultAllow;
  }

  /** The exceptions, each with the verdict opposite to the default, in runc's order. */
  List<DeviceRule> exceptions() {
    return exceptions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(ORDER))
        .map(e -> new DeviceRule(!defaultAllow, e.getKey().type(), e.getKey().major(), e.getKey().minor(), e.getValue()))
        .toList();
  }

  private static String union(String a, String b) {
    return keep(c -> a.indexOf(c) >= 0 || b.indexOf(c) >= 0);
  }

  private static String intersection(String a, String b) {
    return keep(c -> a.indexOf(c) >= 0 && b.indexOf(c) >= 0);
  }

  private static String difference(String a, String b) {
    return keep(c -> a.indexOf(c) >= 0 && b.indexOf(c) < 0);
  }

  /** The access letters {@code wanted} keeps, in the canonical order {@code rwm}. */
  private static String keep(IntPredicate wanted) {
    StringBuilder out = new StringBuilder();
    "rwm".chars().filter(wanted).forEach(c -> out.append((char) c));
    return out.toString();
  }
}
