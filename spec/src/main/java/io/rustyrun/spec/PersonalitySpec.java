package io.rustyrun.spec;

import java.util.List;

/**
 * The {@code personality(2)} execution domain, e.g. {@code personality: {domain: LINUX32}}.
 *
 * @param domain {@code LINUX} or {@code LINUX32}
 * @param flags additional flags (OCI defines none yet)
 */
public record PersonalitySpec(String domain, List<String> flags) {

  public PersonalitySpec {
    domain = Defaults.string(domain);
    flags = Defaults.list(flags);
  }
}
