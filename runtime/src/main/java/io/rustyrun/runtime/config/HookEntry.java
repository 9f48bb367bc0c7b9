package io.rustyrun.runtime.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One hook command, resolved from the spec.
 *
 * <pre>{@code
 * new HookEntry(Path.of("/usr/bin/setup-net"), List.of("setup-net", "up"), List.of(), 5)
 * }</pre>
 *
 * @param path the absolute path of the executable (on the host, or in the container for
 *     startContainer hooks)
 * @param argv the argument vector, argv[0] included ({@code [path]} when the spec gives no args)
 * @param env {@code NAME=value} entries, exactly the spec's (empty when it gives none)
 * @param timeoutSeconds seconds before the hook is killed, 0 for no timeout
 */
public record HookEntry(Path path, List<String> argv, List<String> env, int timeoutSeconds) {
  public HookEntry {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
  }
}
