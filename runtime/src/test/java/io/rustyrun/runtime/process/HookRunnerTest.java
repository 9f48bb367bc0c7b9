package io.rustyrun.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.HookEntry;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.HookState;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.RecordingSyscalls;
import io.rustyrun.runtime.sys.SpawnRequest;
import io.rustyrun.runtime.sys.SyscallCall;
import io.rustyrun.runtime.sys.SyscallCall.Close;
import io.rustyrun.runtime.sys.SyscallCall.Pipe;
import io.rustyrun.runtime.sys.SyscallCall.Spawn;
import io.rustyrun.runtime.sys.SyscallCall.Write;
import io.rustyrun.runtime.sys.WaitStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookRunnerTest {
  private static final HookState STATE = new HookState("1.2.1", "web-1", Path.of("/srv/web"), Map.of());
  private static final HookEntry NETNS =
      new HookEntry(Path.of("/usr/bin/netns"), List.of("netns", "up"), List.of("MODE=bridge"), 0);
  private static final HookEntry CLEANUP = new HookEntry(Path.of("/usr/bin/cleanup"), List.of("cleanup"), List.of(), 0);

  private final RecordingSyscalls sys = new RecordingSyscalls();

  private static Hooks hooks(HookPhase phase, HookEntry... entries) {
    return new Hooks(STATE, Map.of(phase, List.of(entries)));
  }

  @Test
  void theStateIsInTheStdinPipeBeforeTheHookStarts() {
    new HookRunner(sys).run(hooks(HookPhase.CREATE_RUNTIME, NETNS), HookPhase.CREATE_RUNTIME, 4242);

    // pipe() numbers: stdin 10 (read) / 11 (write), output 12 / 13.
    assertThat(sys.calls()).containsSubsequence(
        new Pipe(),
        new Write(11, STATE.json("creating", 4242)),
        new Close(11),
        new Pipe(),
        new Spawn(new SpawnRequest(Path.of("/usr/bin/netns"), List.of("netns", "up"), List.of("MODE=bridge"),
            Map.of(0, 10, 1, 13, 2, 13), true)),
        new Close(13),
        new Close(10),
        new SyscallCall.Read(12),
        new SyscallCall.Waitpid(1000),
        new Close(12));
  }

  @Test
  void aFailingHookIsAnErrorNamingItWithItsOutput() {
    sys.waitStatus(WaitStatus.exited(3)).readReturns("no bridge cni0\n");

    assertThatThrownBy(() -> new HookRunner(sys).run(hooks(HookPhase.PRESTART, NETNS, CLEANUP), HookPhase.PRESTART, 7))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("hook hooks.prestart[0] \"/usr/bin/netns\" failed: exit status 3, output: \"no bridge cni0\"");
    assertThat(sys.calls(Spawn.class)).hasSize(1);
  }

  @Test
  void aHookThatCannotStartIsNamed() {
    sys.failWhen(c -> c instanceof Spawn, Errno.ENOENT);

    assertThatThrownBy(() -> new HookRunner(sys).run(hooks(HookPhase.CREATE_CONTAINER, NETNS), HookPhase.CREATE_CONTAINER, 1))
        .hasMessage("hook hooks.createContainer[0] \"/usr/bin/netns\" could not be started: "
            + "posix_spawn(\"/usr/bin/netns\"): ENOENT (no such file or directory)");
    assertThat(sys.calls(Close.class)).extracting(Close::fd).contains(10, 11, 12, 13);
  }

  @Test
  void poststopHooksAllRunAndTheirFailuresAreWarnings() {
    sys.waitStatus(WaitStatus.exited(1));

    List<String> warnings = new HookRunner(sys).runAll(hooks(HookPhase.POSTSTOP, NETNS, CLEANUP), HookPhase.POSTSTOP, 0);

    assertThat(sys.calls(Spawn.class)).hasSize(2);
    assertThat(warnings).containsExactly(
        "hook hooks.poststop[0] \"/usr/bin/netns\" failed: exit status 1",
        "hook hooks.poststop[1] \"/usr/bin/cleanup\" failed: exit status 1");
  }

  @Test
  void aHookWithATimeoutIsPolledForItsExit() {
    HookEntry limited = new HookEntry(Path.of("/usr/bin/netns"), List.of("netns"), List.of(), 5);

    new HookRunner(sys).run(hooks(HookPhase.POSTSTART, limited), HookPhase.POSTSTART, 9);

    assertThat(sys.calls()).contains(new SyscallCall.PollExit(1000)).doesNotContain(new SyscallCall.Waitpid(1000));
  }
}
