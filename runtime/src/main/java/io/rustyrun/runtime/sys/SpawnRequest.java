package io.rustyrun.runtime.sys;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A posix_spawn(3) of a new process with clean hygiene: an empty signal mask, every signal back
 * to its default disposition except glibc's internal 32 and 33 (its sigfillset leaves them out,
 * so they stay ignored: the stages reset them before their own execve), and no inherited fd but
 * 0, 1, 2 and those in {@code fds}.
 *
 * <pre>{@code
 * new SpawnRequest(java, List.of(java.toString(), "-cp", cp, "io.rustyrun.cli.Main", "init", cfg),
 *     env, Map.of(3, syncWriteFd), false)
 * }</pre>
 *
 * @param program absolute path of the executable
 * @param argv the argument vector, argv[0] included
 * @param env the environment, {@code KEY=VALUE} entries
 * @param fds fds for the new process: target fd number -> fd in this process (dup2'd)
 * @param newSession whether the process starts a new session (setsid)
 */
public record SpawnRequest(
    Path program, List<String> argv, List<String> env, Map<Integer, Integer> fds, boolean newSession) {
  public SpawnRequest {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    fds = Map.copyOf(fds);
  }
}
