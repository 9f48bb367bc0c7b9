package io.rustyrun.runtime.sys;

import java.util.Locale;
import java.util.Optional;

/**
 * Linux signals (x86_64 and aarch64 share these numbers).
 *
 * <pre>{@code
 * Signal.parse("TERM");     // SIGTERM, as runc's kill accepts it
 * Signal.parse("SIGKILL");  // SIGKILL
 * Signal.parse("15");       // SIGTERM
 * }</pre>
 */
public enum Signal {
  SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8),
  SIGKILL(9), SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15),
  SIGSTKFLT(16), SIGCHLD(17), SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22),
  SIGURG(23), SIGXCPU(24), SIGXFSZ(25), SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29),
  SIGPWR(30), SIGSYS(31);

  /** Highest signal number, real-time signals included. */
  public static final int MAX = 64;

  private final int number;

  Signal(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** The signal with this number, if it is a classic (non real-time) one. */
  public static Optional<Signal> of(int number) {
    for (Signal s : values()) {
      if (s.number == number) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Accepts {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}. */
  public static Optional<Signal> parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      return t.length() > 3 ? Optional.empty() : of(Integer.parseInt(t));
    }
    String name = t.startsWith("SIG") ? t : "SIG" + t;
    for (Signal s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
