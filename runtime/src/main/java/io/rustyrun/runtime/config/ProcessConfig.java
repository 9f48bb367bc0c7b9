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
 * @param preservedFds how many fds from 3 up the program inherits from rustyrun's caller
 *     ({@code create --preserve-fds N}); the stages' own fds come right after them
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
    OptionalInt oomScoreAdj,
    int preservedFds) {

  /** runc's default umask when the spec sets none. */
  public static final int DEFAULT_UMASK = 022;

  public ProcessConfig {
    args = List.copyOf(args);
    env = List.copyOf(env);
    additionalGids = List.copyOf(additionalGids);
    rlimits = List.copyOf(rlimits);
  }

  /** This process, inheriting fds 3 to 3 + {@code count} - 1 from rustyrun's caller. */
  public ProcessConfig withPreservedFds(int count) {
    return new ProcessConfig(args, env, cwd, uid, gid, additionalGids, umask, terminal, capabilities, rlimits,
        noNewPrivileges, oomScoreAdj, count);
  }

  /** The fd number of the sync channel in the stages: right after the preserved fds. */
  public int syncFd() {
    return 3 + preservedFds;
  }

  /** The fd number of the console socket in the stages, when the process has a terminal. */
  public int consoleFd() {
    return syncFd() + 1;
  }
}
