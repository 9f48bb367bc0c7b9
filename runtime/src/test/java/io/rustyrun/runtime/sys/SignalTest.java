package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTest {

  @ParameterizedTest
  @CsvSource({"TERM, SIGTERM", "SIGTERM, SIGTERM", "term, SIGTERM", "sigkill, SIGKILL", "15, SIGTERM",
      "9, SIGKILL", "' HUP ', SIGHUP", "31, SIGSYS", "WINCH, SIGWINCH"})
  void parsesNamesAndNumbers(String text, Signal expected) {
    assertThat(Signal.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"junk", "", "0", "32", "-9", "SIG", "99999999999", "SIGTERMX", "1.5"})
  void rejectsAnythingElse(String text) {
    assertThat(Signal.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1, SIGHUP", "9, SIGKILL", "17, SIGCHLD", "19, SIGSTOP"})
  void numbersMatchLinux(int number, Signal signal) {
    assertThat(signal.number()).isEqualTo(number);
    assertThat(Signal.of(number)).contains(signal);
  }
}
