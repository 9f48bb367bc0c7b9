package io.rustyrun.spec;

import java.util.List;

/**
 * The process's capability sets, as {@code CAP_*} names, e.g. {@code bounding: [CAP_KILL,
 * CAP_NET_BIND_SERVICE]}. A set that is absent is empty (all capabilities dropped).
 *
 * @param bounding the bounding set
 * @param effective the effective set
 * @param inheritable the inheritable set
 * @param permitted the permitted set
 * @param ambient the ambient set
 */
public record CapabilitiesSpec(
    List<String> bounding,
    List<String> effective,
    List<String> inheritable,
    List<String> permitted,
    List<String> ambient) {

  /** No capabilities in any set. */
  public static final CapabilitiesSpec NONE = new CapabilitiesSpec(null, null, null, null, null);

  public CapabilitiesSpec {
    bounding = Defaults.list(bounding);
    effective = Defaults.list(effective);
    inheritable = Defaults.list(inheritable);
    permitted = Defaults.list(permitted);
    ambient = Defaults.list(ambient);
  }
}
