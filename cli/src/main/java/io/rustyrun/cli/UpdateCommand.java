package io.rustyrun.cli;

import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rustyrun update --resources FILE ID}: new resource limits for a container. */
final class UpdateCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private Path resources;
  private String id;

  UpdateCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "update",
            "Apply new resource limits (an OCI linux.resources JSON object) to a container.",
            "echo '{\"memory\": {\"limit\": 67108864}}' > r.json && rustyrun update --resources r.json web-1")
        .option(CommandModel.value(Path.class, v -> resources = v, "-r", "--resources").required(true)
            .paramLabel("FILE").description("The new limits, as OCI linux.resources JSON."))
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .spec();
  }

  @Override
  public Integer call() {
    top.lifecycle(new LinuxSyscalls()).update(id, CgroupResolver.update(new SpecLoader().loadResources(resources)));
    return ExitCodes.OK;
  }
}
