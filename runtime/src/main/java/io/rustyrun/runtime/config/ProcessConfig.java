package io.rustyrun.runtime.config;

import java.util.List;

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
 */
public record ProcessConfig(
    List<String> args,
    List<String> env,
    String cwd,
    int uid,
    int gid,
    List<Integer> additionalGids,
    int umask,
    boolean terminal) {

  /** runc's default umask when the spec sets none. */
  public static final int DEFAULT_UMASK = 022;

  public ProcessConfig {
    args = List.copyOf(args);
    env = List.copyOf(env);
    additionalGids = List.copyOf(additionalGids);
  }
}
