package io.rustyrun.cli;

/**
 * The one {@code main()} of rustyrun, shared by the host CLI and the hidden stage commands.
 *
 * <pre>{@code
 * rustyrun run -f container.yaml     # host: picocli, Jackson, the whole CLI
 * rustyrun child /run/rustyrun/ID/launch   # hidden stage: java.base + FFM only
 * }</pre>
 *
 * <p>Stages are dispatched before picocli or Jackson is touched: they sit on the critical path
 * of every container start and must stay lean (ARCHITECTURE.md, "Cost"). This class therefore
 * names no picocli type; {@link Cli} is only loaded for host commands.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (StageDispatch.isStage(args)) {
      // halt, not exit: a stage has no shutdown hooks to run, and after pivot_root the exit
      // logging of Runtime.exit would try to load a JDK library the container cannot see.
      Runtime.getRuntime().halt(StageDispatch.run(args));
    }
    int status = Cli.run(args);
    // halt, not exit, here too: rustyrun registers no shutdown hooks, and Runtime.exit first
    // sets up the JDK's System.Logger to log the exit, ~40 ms of every command (--version:
    // 220 -> 170 ms). What was printed goes out first (Cli.run flushed its writers).
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }
}
