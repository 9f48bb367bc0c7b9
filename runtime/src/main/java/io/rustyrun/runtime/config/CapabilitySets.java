package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.Capability;
import java.util.EnumSet;
import java.util.Set;

/**
 * The five capability sets of the container's process (capabilities(7)).
 *
 * <pre>{@code
 * // process.capabilities: {bounding: [CAP_KILL], effective: [CAP_KILL], permitted: [CAP_KILL]}
 * new CapabilitySets(EnumSet.of(KILL), EnumSet.of(KILL), Set.of(), EnumSet.of(KILL), Set.of())
 * }</pre>
 *
 * <p>Inheritable stays empty unless the spec asks: non-empty defaults were CVE-2022-29162.
 */
public record CapabilitySets(
    Set<Capability> bounding,
    Set<Capability> effective,
    Set<Capability> inheritable,
    Set<Capability> permitted,
    Set<Capability> ambient) {

  public CapabilitySets {
    bounding = copy(bounding);
    effective = copy(effective);
    inheritable = copy(inheritable);
    permitted = copy(permitted);
    ambient = copy(ambient);
  }

  private static Set<Capability> copy(Set<Capability> caps) {
    return caps.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(caps));
  }
}
