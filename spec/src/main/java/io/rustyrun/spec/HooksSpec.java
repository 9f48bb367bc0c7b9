package io.rustyrun.spec;

import java.util.List;

/**
 * The lifecycle hooks, by OCI phase, e.g. {@code hooks: {poststop: [{path: /bin/cleanup}]}}.
 *
 * @param prestart deprecated by OCI: run in the runtime namespace after create
 * @param createRuntime run in the runtime namespace after the namespaces are created
 * @param createContainer run in the container namespace before pivot_root
 * @param startContainer run in the container before the user process is executed
 * @param poststart run in the runtime namespace after the user process started
 * @param poststop run in the runtime namespace after the container is deleted
 */
public record HooksSpec(
    List<HookSpec> prestart,
    List<HookSpec> createRuntime,
    List<HookSpec> createContainer,
    List<HookSpec> startContainer,
    List<HookSpec> poststart,
    List<HookSpec> poststop) {

  /** No hooks. */
  public static final HooksSpec NONE = new HooksSpec(null, null, null, null, null, null);

  public HooksSpec {
    prestart = Defaults.list(prestart);
    createRuntime = Defaults.list(createRuntime);
    createContainer = Defaults.list(createContainer);
    startContainer = Defaults.list(startContainer);
    poststart = Defaults.list(poststart);
    poststop = Defaults.list(poststop);
  }
}
