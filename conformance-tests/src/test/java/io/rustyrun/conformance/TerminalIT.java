package io.rustyrun.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 3 (interactive part): with {@code process.terminal: true} and a terminal on
 * rustyrun's stdin, the container gets a new pty; {@code sh} has job control; Ctrl-C reaches
 * the container's foreground process and not rustyrun; the window size is passed and follows
 * SIGWINCH. Driven through {@link TerminalSession} ({@code script(1)} provides the host pty).
 */
@ConformanceTest
@RequiresTool({"script", "stty"})
class TerminalIT {
  private static final Duration EXIT = Duration.ofSeconds(20);
  /** What the shell prints for "echo SIZE-$(stty size)-END"; the echoed command never matches. */
  private static final Pattern SIZE_REPORT = Pattern.compile("SIZE-\\d+ \\d+-END");

  @Test
  void shellGetsANewPtyAndJobControl() {
    try (TerminalSession tty = interactiveShell().startInTerminal(80, 24)) {
      tty.send("[ -t 0 ] && echo IS-$((1+1))-TTY\n");
      tty.awaitOutput("IS-2-TTY");
      // stdin is a pty slave (major 136 = 0x88) of the container's own devpts instance (same
      // st_dev as /dev/pts). Its name may be /dev/pts/N or /dev/console (runc and rustyrun
      // bind the console pty there), so the device is checked, not the name.
      tty.send("echo PTY-$(stat -L -c %t /proc/self/fd/0)-$([ \"$(stat -L -c %d /proc/self/fd/0)\""
          + " = \"$(stat -c %d /dev/pts)\" ] && echo own)-END\n");
      tty.awaitOutput("PTY-88-own-END");

      // With job control a background job is its own process group (pgid == pid).
      tty.send("sleep 1000 &\n");
      tty.send("echo PGRP-$(( $(cut -d' ' -f5 /proc/$!/stat) == $! ))-END\n");
      tty.awaitOutput("PGRP-1-END");
      tty.send("kill %1; exit 3\n");

      assertThat(tty.awaitExit(EXIT)).as(tty.output()).isEqualTo(3);
      assertThat(tty.output()).doesNotContain("job control turned off");
    }
  }

  @Test
  void ctrlCInterruptsTheForegroundProcessNotRustyrun() {
    try (TerminalSession tty = interactiveShell().startInTerminal(80, 24)) {
      tty.send("echo READY-$((2+3))\n");
      tty.awaitOutput("READY-5");
      tty.send("sleep 1000\n");
      awaitContainerProcess(tty, "sleep");

      tty.send("\u0003");

      // sleep died of SIGINT (130) and the shell carries on: rustyrun did not take the signal.
      // (A separate line: an interactive shell drops the rest of a line whose job got SIGINT.)
      tty.send("echo RC-$?-END\n");
      tty.awaitOutput("RC-130-END");
      assertThat(tty.rustyrun().isAlive()).isTrue();
      tty.send("echo ALIVE-$((6*7))\n");
      tty.awaitOutput("ALIVE-42");
      tty.send("exit 5\n");
      assertThat(tty.awaitExit(EXIT)).as(tty.output()).isEqualTo(5);
    }
  }

  @Test
  void windowSizeIsPassedToTheContainer() {
    try (TerminalSession tty = interactiveShell().startInTerminal(97, 31)) {
      tty.send("echo SIZE-$(stty size)-END\n");

      tty.awaitOutput("SIZE-31 97-END");
      tty.send("exit 0\n");
      assertThat(tty.awaitExit(EXIT)).as(tty.output()).isZero();
    }
  }

  @Test
  void windowSizeFollowsSigwinch() {
    try (TerminalSession tty = interactiveShell().startInTerminal(80, 24)) {
      tty.send("echo SIZE-$(stty size)-END\n");
      tty.awaitOutput("SIZE-24 80-END");

      tty.resize(132, 43);

      // The relay is asynchronous: ask again until the new size shows (or the await times out).
      awaitSize(tty, "43 132");
      tty.send("exit 0\n");
      assertThat(tty.awaitExit(EXIT)).as(tty.output()).isZero();
    }
  }

  private static Container interactiveShell() {
    return Container.busybox().terminal(true)
        .env("PATH=/bin", "HOME=/root", "TERM=xterm", "PS1=rr# ")
        .args("sh");
  }

  private static void awaitSize(TerminalSession tty, String size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      tty.send("echo SIZE-$(stty size)-END\n");
      String shown = tty.awaitMatch(SIZE_REPORT, Duration.ofSeconds(10));
      if (shown.equals("SIZE-" + size + "-END")) {
        return;
      }
      RunningContainer.sleep(Duration.ofMillis(200));
    }
    throw new AssertionError("window size never became " + size + ":\n" + tty.output());
  }

  /** Waits until a process named {@code comm} runs in the container's PID namespace. */
  private static void awaitContainerProcess(TerminalSession tty, String comm) {
    String hostPidNs = HostProcesses.hostNamespace("pid");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      boolean running = tty.rustyrun().descendants()
          .filter(p -> HostProcesses.namespace(p.pid(), "pid").filter(ns -> !ns.equals(hostPidNs))
              .isPresent())
          .anyMatch(p -> HostProcesses.statusField(p.pid(), "Name").orElse("").equals(comm));
      if (running) {
        return;
      }
      RunningContainer.sleep(Duration.ofMillis(50));
    }
    throw new AssertionError("no \"" + comm + "\" in the container:\n" + tty.output());
  }
}
