package io.rustyrun.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HooksTest {
  @TempDir Path dir;

  private static final HookState STATE =
      new HookState("1.2.1", "web-1", Path.of("/srv/web"), Map.of("org.example/owner", "ops"));

  @Test
  void stateJsonHasTheOciFieldsWithStatusAndPid() {
    assertThat(STATE.json("created", 4242)).isEqualTo(
        "{\"ociVersion\":\"1.2.1\",\"id\":\"web-1\",\"status\":\"created\",\"pid\":4242,"
            + "\"bundle\":\"/srv/web\",\"annotations\":{\"org.example/owner\":\"ops\"}}");
  }

  @Test
  void stateJsonLeavesOutThePidOfAStoppedContainer() {
    assertThat(STATE.json("stopped", 0)).doesNotContain("pid").contains("\"status\":\"stopped\"");
  }

  @Test
  void stateJsonEscapesQuotesBackslashesAndControlCharacters() {
    HookState state = new HookState("1.2.1", "web-1", Path.of("/srv/we\"b"), Map.of("k", "a\\b\nc\u0001"));
    assertThat(state.json("creating", 1))
        .contains("\"bundle\":\"/srv/we\\\"b\"")
        .contains("\"k\":\"a\\\\b\\nc\\u0001\"");
  }

  @Test
  void roundTripsThroughTheStateDirectory() throws IOException {
    Hooks hooks = new Hooks(STATE, Map.of(
        HookPhase.PRESTART, List.of(new HookEntry(Path.of("/bin/netns"), List.of("netns", "up"), List.of("A=1"), 5)),
        HookPhase.POSTSTOP, List.of(new HookEntry(Path.of("/bin/cleanup"), List.of("/bin/cleanup"), List.of(), 0))));
    Files.write(dir.resolve(Hooks.FILE), hooks.toBytes());

    assertThat(Hooks.readFrom(dir)).contains(hooks);
  }

  @Test
  void aContainerWithoutHooksHasNoFile() {
    assertThat(Hooks.readFrom(dir)).isEmpty();
  }

  @Test
  void phasesWithoutHooksAreEmpty() {
    Hooks hooks = new Hooks(STATE, Map.of(HookPhase.POSTSTART, List.of()));
    assertThat(hooks.isEmpty()).isTrue();
    assertThat(hooks.of(HookPhase.POSTSTART)).isEmpty();
  }
}
