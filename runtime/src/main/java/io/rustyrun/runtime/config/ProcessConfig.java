package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.Rlimit;
import java.util.List;
import java.util.OptionalInt;

/**
 * The container's program and the identity it runs with.
 *
 * @param args the argument vector; {@code args[0]} is looked up in {@code PATH} if it has no slash
 * @param env {@code KEY=VALUE} entries
 * @param cwd absolute working directory inside the container
 * @param uid user id
 * @param gid group id
 * @param additionalGids supplementary groups
 * @param umask the umask, {@code 022} unless the spec says otherwise
 * @param terminal whether the process gets a new pseudo-terminal
 * @param capabilities the five capability sets
 * @param rlimits resource limits to set
 * @param noNewPrivileges whether execve may no longer grant privileges
 * @param oomScoreAdj the OOM killer adjustment, if the spec sets one
 */
public record ProcessConfig(
    List<String> args,
    List<String> env,
    String cwd,
    int uid,
    int gid,
    List<Integer> additionalGids,
    int umask,
    boolean terminal,
    CapabilitySets capabilities,
    List<Rlimit> rlimits,
    boolean noNewPrivileges,
    OptionalInt oomScoreAdj) {

  /** runc's default umask when the spec sets none. */
  public static final int DEFAULT_UMASK = 022;

  public ProcessConfig {
    args = List.copyOf(args);
    env = List.copyOf(env);
    additionalGids = List.copyOf(additionalGids);
    rlimits = List.copyOf(rlimits);
  }
}
