package io.rustyrun.runtime.sys;

import java.util.Optional;

/**
 * A resource limit for prlimit(2): {@code soft} and {@code hard} as the kernel's unsigned
 * 64-bit values ({@code -1} is RLIM_INFINITY).
 *
 * <pre>{@code
 * new Rlimit(Rlimit.Resource.NOFILE, 1024, 1024)
 * }</pre>
 */
public record Rlimit(Resource resource, long soft, long hard) {

  /** The {@code RLIMIT_*} resources; the ordinal is the kernel's number (asm-generic/resource.h). */
  public enum Resource {
    CPU, FSIZE, DATA, STACK, CORE, RSS, NPROC, NOFILE, MEMLOCK, AS, LOCKS, SIGPENDING, MSGQUEUE,
    NICE, RTPRIO, RTTIME;

    /** The resource of an OCI {@code RLIMIT_X} name. */
    public static Optional<Resource> parse(String name) {
      if (!name.startsWith("RLIMIT_")) {
        return Optional.empty();
      }
      for (Resource r : values()) {
        if (r.name().equals(name.substring(7))) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /** {@code RLIMIT_NOFILE soft 1024 hard 1024}, with {@code unlimited} for RLIM_INFINITY. */
  @Override
  public String toString() {
    return "RLIMIT_" + resource + " soft " + render(soft) + " hard " + render(hard);
  }

  static String render(long value) {
    return value == -1 ? "unlimited" : Long.toUnsignedString(value);
  }
}
