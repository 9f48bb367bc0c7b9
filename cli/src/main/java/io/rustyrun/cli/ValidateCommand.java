package io.rustyrun.cli;

import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.SpecException;
import io.rustyrun.spec.SpecLoader;
import io.rustyrun.spec.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun validate -f container.yaml}: checks a spec without running anything.
 *
 * <pre>
 * $ rustyrun validate -f container.yaml
 * container.yaml: valid (sh in rootfs)
 * $ rustyrun validate -f broken.yaml
 * broken.yaml:2:1: hostnme: unknown field "hostnme"
 *   hint: did you mean "hostname"?
 * broken.yaml:5:8: process.cwd: must be an absolute path, got "tmp"
 * </pre>
 *
 * <p>Violations are this command's result, not a failure of rustyrun, so it prints them itself
 * (every one, to stderr) and exits 125. A file it cannot read is a failure: that goes to {@link
 * ErrorRenderer} like any other.
 */
final class ValidateCommand implements Callable<Integer> {
  private final SpecLoader loader;
  private CommandSpec command;
  private Path file;

  ValidateCommand() {
    this(new SpecLoader());
  }

  ValidateCommand(SpecLoader loader) {
    this.loader = loader;
  }

  CommandSpec spec() {
    command = CommandModel.command(this, "validate",
            "Check a container spec and report every problem with its line and column.",
            "rustyrun validate -f examples/container.yaml")
        .option(CommandModel.value(Path.class, v -> file = v, "-f", "--file").required(true).paramLabel("FILE")
            .description("The container spec (YAML, or an OCI config.json)."))
        .spec();
    return command;
  }

  @Override
  public Integer call() {
    ContainerSpec spec;
    try {
      spec = loader.load(file);
    } catch (SpecException e) {
      if (e.violations().isEmpty()) {
        throw e;
      }
      return reportViolations(e);
    }
    PrintWriter out = command.commandLine().getOut();
    out.println(file + ": valid (" + summary(spec) + ")");
    out.flush();
    return ExitCodes.OK;
  }

  private int reportViolations(SpecException e) {
    PrintWriter err = command.commandLine().getErr();
    for (Violation violation : e.violations()) {
      err.println(violation.render());
    }
    err.flush();
    return ExitCodes.FAILED;
  }

  /** What the spec runs and on what rootfs, e.g. {@code sh in rootfs}. */
  private static String summary(ContainerSpec spec) {
    Path rootfs = spec.root().path() != null ? spec.root().path() : spec.image();
    return spec.process().args().getFirst() + " in " + rootfs.getFileName();
  }
}
