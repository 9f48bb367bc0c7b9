package io.rustyrun.cli;

import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rustyrun update --resources FILE ID}: new resource limits for a container. */
@Command(
    addMethodSubcommands = false,
    name = "update",
    description = "Apply new resource limits (an OCI linux.resources JSON object) to a container.",
    footer = {"", "Example:", "  echo '{\"memory\": {\"limit\": 67108864}}' > r.json && rustyrun update --resources r.json web-1"},
    mixinStandardHelpOptions = true)
final class UpdateCommand implements Callable<Integer> {
  @ParentCommand RustyrunCommand top;

  @Option(names = {"-r", "--resources"}, required = true, paramLabel = "FILE",
      description = "The new limits, as OCI linux.resources JSON.")
  Path resources;

  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).update(id, CgroupResolver.update(new SpecLoader().loadResources(resources)));
    return ExitCodes.OK;
  }
}
