package io.rustyrun.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code rustyrun run} with a pseudo-terminal as its stdin/stdout, driven like a user at a
 * keyboard.
 *
 * <pre>{@code
 * try (TerminalSession tty = container.startInTerminal(100, 30)) {
 *   tty.send("stty size\n");
 *   tty.awaitOutput("30 100");
 *   tty.send("\u0003");             // Ctrl-C, typed into the host terminal
 *   tty.resize(120, 40);            // TIOCSWINSZ on the host pty: SIGWINCH to rustyrun
 * }
 * }</pre>
 *
 * <p>The pty comes from {@code script(1)} (util-linux): {@code script -qefc CMD /dev/null} runs
 * CMD on a new pty and relays our pipe to its master, so bytes we write are "typed" and the
 * host line discipline turns {@code \x03} into SIGINT for the terminal's foreground process
 * group (rustyrun, unless it put the terminal in raw mode and relays the byte, as it should).
 * CMD first sets the pty's size with {@code stty} and records the pty's name, so the test can
 * later resize it from outside with {@code stty -F}.
 *
 * <p>Expected output is best matched on text the shell computes (send {@code echo A$((1+1))},
 * await {@code A2}), because the terminal echoes what we type.
 */
public final class TerminalSession implements AutoCloseable {
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

  private final Process script;
  private final Path ttyFile;
  private final StringBuffer output = new StringBuffer();
  private int consumed;

  private TerminalSession(Process script, Path ttyFile) {
    this.script = script;
    this.ttyFile = ttyFile;
    Thread.ofVirtual().name("tty-reader").start(this::pumpOutput);
  }

  static TerminalSession start(
      List<String> launcherCommand, Path dir, Map<String, String> env, int cols, int rows) {
    Path ttyFile = dir.resolve("tty");
    String command =
        "stty cols " + cols + " rows " + rows
            + " && tty > " + quote(ttyFile.toString())
            + " && exec " + String.join(" ", launcherCommand.stream().map(TerminalSession::quote).toList());
    String scriptTool = HostTools.require("script");
    ProcessBuilder builder =
        new ProcessBuilder(scriptTool, "-q", "-e", "-f", "-c", command, "/dev/null")
            .directory(TestEnvironment.workDir().toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("SHELL", "/bin/sh");
    try {
      return new TerminalSession(builder.start(), ttyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start script(1)", e);
    }
  }

  /** Types {@code keys} into the host terminal. */
  public void send(String keys) {
    try {
      OutputStream in = script.getOutputStream();
      in.write(keys.getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new AssertionError("terminal closed while sending " + keys.strip() + ": " + output, e);
    }
  }

  /** Waits (20 s) for {@code text} in output not yet consumed by an earlier await. */
  public String awaitOutput(String text) {
    return awaitOutput(text, DEFAULT_WAIT);
  }

  /** Waits for {@code text} after the last match; returns the output up to and including it. */
  public String awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int at = output.indexOf(text, consumed);
      if (at >= 0) {
        String upTo = output.substring(consumed, at + text.length());
        consumed = at + text.length();
        return upTo;
      }
      if (!script.isAlive() && output.indexOf(text, consumed) < 0) {
        throw new AssertionError(
            "terminal exited (" + script.exitValue() + ") before \"" + text + "\":\n" + output);
      }
      RunningContainer.sleep(Duration.ofMillis(20));
    }
    throw new AssertionError("no \"" + text + "\" within " + timeout + "; terminal output:\n" + output);
  }

  /** Waits for a match of {@code pattern} after the last match; returns the matched text. */
  public String awaitMatch(java.util.regex.Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      java.util.regex.Matcher matcher = pattern.matcher(output);
      if (matcher.find(consumed)) {
        consumed = matcher.end();
        return matcher.group();
      }
      if (!script.isAlive()) {
        throw new AssertionError(
            "terminal exited (" + script.exitValue() + ") before /" + pattern + "/:\n" + output);
      }
      RunningContainer.sleep(Duration.ofMillis(20));
    }
    throw new AssertionError("no /" + pattern + "/ within " + timeout + "; output:\n" + output);
  }

  /** Everything the terminal showed so far. */
  public String output() {
    return output.toString();
  }

  /** The host pty rustyrun runs on, e.g. {@code /dev/pts/3}. */
  public String hostTty() {
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String tty = Files.readString(ttyFile).strip();
        if (tty.startsWith("/dev/")) {
          return tty;
        }
      } catch (IOException e) {
        // not written yet
      }
      RunningContainer.sleep(Duration.ofMillis(20));
    }
    throw new AssertionError("the terminal's name was never recorded; output:\n" + output);
  }

  /**
   * The host rustyrun process: script's child, which exec'd the launcher (and the launcher the
   * JVM).
   */
  public ProcessHandle rustyrun() {
    return script.children().findFirst()
        .orElseThrow(() -> new AssertionError("rustyrun is not running; output:\n" + output));
  }

  /**
   * Resizes the host terminal as a terminal emulator would (TIOCSWINSZ, via {@code stty -F});
   * the kernel then sends SIGWINCH to the terminal's foreground process group, i.e. rustyrun.
   */
  public void resize(int cols, int rows) {
    try {
      Process stty =
          new ProcessBuilder("stty", "-F", hostTty(), "cols", Integer.toString(cols), "rows",
                  Integer.toString(rows))
              .redirectErrorStream(true)
              .start();
      String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (stty.waitFor() != 0) {
        throw new AssertionError("stty -F " + hostTty() + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the session to end; returns rustyrun's exit code (script -e passes it on). */
  public int awaitExit(Duration timeout) {
    try {
      if (!script.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError("terminal session did not end within " + timeout + ":\n" + output);
      }
      return script.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isAlive() {
    return script.isAlive();
  }

  /** Kills script, rustyrun and everything below them if still running. */
  @Override
  public void close() {
    if (script.isAlive()) {
      HostProcesses.killAll(script.descendants().map(ProcessHandle::pid).toList());
      script.destroyForcibly();
    }
  }

  private void pumpOutput() {
    byte[] buffer = new byte[4096];
    try (InputStream out = script.getInputStream()) {
      for (int n; (n = out.read(buffer)) > 0; ) {
        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // script exited; the output so far stays available
    }
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
