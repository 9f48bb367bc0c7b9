package io.rustyrun.spec;

import java.util.List;

/**
 * A lifecycle hook command, e.g. {@code {path: /usr/bin/setup-net, args: [setup-net, up],
 * timeout: 5}}.
 *
 * @param path the absolute path of the executable, on the host (or in the container for
 *     createContainer/startContainer hooks)
 * @param args the argv, including argv[0]
 * @param env {@code NAME=value} entries
 * @param timeout seconds before the hook is killed, or {@code null} for no timeout
 */
public record HookSpec(String path, List<String> args, List<String> env, Integer timeout) {

  public HookSpec {
    path = Defaults.string(path);
    args = Defaults.list(args);
    env = Defaults.list(env);
  }
}
