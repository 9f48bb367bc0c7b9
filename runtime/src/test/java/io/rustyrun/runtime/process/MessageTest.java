package io.rustyrun.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTest {

  static Stream<Arguments> everyType() {
    return Stream.of(
        Arguments.of(new Message.InitStarted(4242), "pid 4242"),
        Arguments.of(new Message.Ready(), "ready"),
        Arguments.of(new Message.Failed(127, "command \"x\" not found in $PATH"), "failed 127 command \"x\" not found in $PATH"),
        Arguments.of(new Message.InitExited(256), "exited 256"));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void encodesToItsLine(Message message, String line) {
    assertThat(message.encode()).isEqualTo(line);
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void decodesItsOwnLine(Message message, String line) {
    assertThat(Message.decode(line)).isEqualTo(message);
  }

  @Test
  void aNewlineInAFailedReasonIsFlattened() {
    Message.Failed failed = new Message.Failed(125, "mount failed\nhint: try root");

    assertThat(failed.encode()).isEqualTo("failed 125 mount failed hint: try root");
    assertThat(Message.decode(failed.encode())).isEqualTo(new Message.Failed(125, "mount failed hint: try root"));
  }

  @Test
  void anEmptyFailedReasonSurvives() {
    assertThat(Message.decode(new Message.Failed(125, "").encode())).isEqualTo(new Message.Failed(125, ""));
  }

  @Test
  void anUnknownVerbIsRejected() {
    assertThatThrownBy(() -> Message.decode("started 12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected sync message \"started 12\"");
  }

  @Test
  void aFailedLineWithoutReasonIsAProtocolError() {
    assertThatThrownBy(() -> Message.decode("failed 125")).isInstanceOf(IllegalArgumentException.class);
  }
}
