package io.rustyrun.runtime.config;

/**
 * The points of the OCI lifecycle where hooks run, in the order they come, and where each runs.
 *
 * <table>
 *   <caption>Hook phases (runtime-spec config.md, "POSIX-platform Hooks")</caption>
 *   <tr><th>phase</th><th>run by</th><th>when</th></tr>
 *   <tr><td>prestart, createRuntime</td><td>the host</td>
 *       <td>the namespaces exist, before pivot_root; init waits</td></tr>
 *   <tr><td>createContainer</td><td>init, in the container's namespaces</td><td>before pivot_root</td></tr>
 *   <tr><td>startContainer</td><td>init, inside the container</td><td>after start, before the program's execve</td></tr>
 *   <tr><td>poststart</td><td>the host</td><td>once the program runs</td></tr>
 *   <tr><td>poststop</td><td>the host</td><td>once the container is deleted</td></tr>
 * </table>
 */
public enum HookPhase {
  // prestart gets "created" as runc gives it (the validation suite's hooks_stdin checks that).
  PRESTART("prestart", "created"),
  CREATE_RUNTIME("createRuntime", "creating"),
  CREATE_CONTAINER("createContainer", "creating"),
  START_CONTAINER("startContainer", "created"),
  POSTSTART("poststart", "running"),
  POSTSTOP("poststop", "stopped");

  private final String specName;
  private final String status;

  HookPhase(String specName, String status) {
    this.specName = specName;
    this.status = status;
  }

  /** The phase's field name under {@code hooks} in the spec. */
  public String specName() {
    return specName;
  }

  /** The container's status in the state the hooks of this phase get on stdin. */
  public String status() {
    return status;
  }
}
