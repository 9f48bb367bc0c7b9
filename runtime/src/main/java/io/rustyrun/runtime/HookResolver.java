package io.rustyrun.runtime;

import io.rustyrun.runtime.config.HookEntry;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.HookState;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.spec.HookSpec;
import io.rustyrun.spec.HooksSpec;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's {@code hooks} as the runtime runs them.
 *
 * <pre>{@code
 * Hooks hooks = HookResolver.resolve(spec.hooks(), new HookState("1.2.1", "web-1", bundle, spec.annotations()));
 * }</pre>
 */
public final class HookResolver {
  private HookResolver() {}

  public static Hooks resolve(HooksSpec spec, HookState state) {
    Map<HookPhase, List<HookSpec>> byPhase = Map.of(
        HookPhase.PRESTART, spec.prestart(),
        HookPhase.CREATE_RUNTIME, spec.createRuntime(),
        HookPhase.CREATE_CONTAINER, spec.createContainer(),
        HookPhase.START_CONTAINER, spec.startContainer(),
        HookPhase.POSTSTART, spec.poststart(),
        HookPhase.POSTSTOP, spec.poststop());
    Map<HookPhase, List<HookEntry>> phases = new EnumMap<>(HookPhase.class);
    byPhase.forEach((phase, hooks) -> phases.put(phase, hooks.stream().map(HookResolver::entry).toList()));
    return new Hooks(state, phases);
  }

  private static HookEntry entry(HookSpec hook) {
    Path path = Path.of(hook.path());
    List<String> argv = hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
    return new HookEntry(path, argv, hook.env(), hook.timeout() == null ? 0 : hook.timeout());
  }
}
