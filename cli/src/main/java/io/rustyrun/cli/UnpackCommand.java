package io.rustyrun.cli;

import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.UnpackOptions;
import io.rustyrun.image.UnpackResult;
import io.rustyrun.image.core.Limits;
import io.rustyrun.image.core.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun unpack IMAGE DIR}: extracts an image into a rootfs directory.
 *
 * <pre>
 * $ rustyrun unpack busybox.oci.tar rootfs
 * unpacked oci-archive: 1 layer, 289 entries, 2.0 MB in 0.21 s
 * </pre>
 *
 * <p>IMAGE is a rootfs tarball (plain, gzip, zstd or xz), a docker-save archive, an OCI
 * archive or an OCI layout directory, told apart by content. Failures are
 * {@link io.rustyrun.image.core.ImageUnpackException}s, rendered by {@link ErrorRenderer}.
 */
final class UnpackCommand implements Callable<Integer> {
  private final ImageUnpacker unpacker;
  private final BooleanSupplier terminal;
  private CommandSpec command;
  private Path image;
  private Path dir;
  private String platform;
  private String ref;
  private Long maxTotalBytes;
  private Long maxEntries;
  private Long maxFileBytes;
  private Integer maxPaxHeaderBytes;
  private Integer maxJsonBytes;

  UnpackCommand() {
    this(NativeRootfsWriterFactory.hostUnpacker(), UnpackCommand::onTerminal);
  }

  /**
   * @param terminal whether to draw progress; asked when the command runs, since help
   *     constructs every command and finding the console takes ~20 ms
   */
  UnpackCommand(ImageUnpacker unpacker, BooleanSupplier terminal) {
    this.unpacker = unpacker;
    this.terminal = terminal;
  }

  CommandSpec spec() {
    command = CommandModel.command(this, "unpack",
            "Extract an image (rootfs tarball, docker-save archive, OCI layout or archive) into a rootfs directory.",
            "rustyrun unpack busybox.tar.gz rootfs")
        .positional(CommandModel.parameter("0", Path.class, v -> image = v).paramLabel("IMAGE")
            .description("The image file or OCI layout."))
        .positional(CommandModel.parameter("1", Path.class, v -> dir = v).paramLabel("DIR")
            .description("The rootfs to create; it must not exist or be empty."))
        .option(CommandModel.value(String.class, v -> platform = v, "--platform").paramLabel("OS/ARCH[/VARIANT]")
            .description("Which image of a multi-platform index (default: the host's)."))
        .option(CommandModel.value(String.class, v -> ref = v, "--ref").paramLabel("NAME")
            .description("Which image by name (OCI ref.name annotation or docker RepoTag)."))
        .option(CommandModel.value(Long.class, v -> maxTotalBytes = v, "--max-total-bytes").paramLabel("N")
            .description("Uncompressed bytes over all layers (default: 32 GiB)."))
        .option(CommandModel.value(Long.class, v -> maxEntries = v, "--max-entries").paramLabel("N")
            .description("Tar entries over all layers (default: 2000000)."))
        .option(CommandModel.value(Long.class, v -> maxFileBytes = v, "--max-file-bytes").paramLabel("N")
            .description("Size of one file (default: 16 GiB)."))
        .option(CommandModel.value(Integer.class, v -> maxPaxHeaderBytes = v, "--max-pax-header-bytes").paramLabel("N")
            .description("Size of one PAX header or GNU long name (default: 1 MiB)."))
        .option(CommandModel.value(Integer.class, v -> maxJsonBytes = v, "--max-json-bytes").paramLabel("N")
            .description("Size of one JSON document of the image (default: 8 MiB)."))
        .spec();
    return command;
  }

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    TerminalProgress progress =
        terminal.getAsBoolean() ? new TerminalProgress(err, System::nanoTime) : null;
    UnpackOptions options = options();
    UnpackResult result;
    try {
      result = unpacker.unpack(image, dir, progress == null ? options
          : options.withProgress(progress));
    } finally {
      if (progress != null) {
        progress.finish();
      }
    }
    PrintWriter out = command.commandLine().getOut();
    out.println(result.summary());
    out.flush();
    return ExitCodes.OK;
  }

  private static boolean onTerminal() {
    return System.console() != null && System.console().isTerminal();
  }

  private UnpackOptions options() {
    UnpackOptions options = UnpackOptions.forHost().withLimits(limits());
    if (platform != null) {
      options = options.withPlatform(Platform.parse(platform));
    }
    return ref == null ? options : options.withRef(ref);
  }

  private Limits limits() {
    Limits limits = Limits.defaults();
    if (maxTotalBytes != null) {
      limits = limits.withMaxTotalBytes(maxTotalBytes);
    }
    if (maxEntries != null) {
      limits = limits.withMaxEntries(maxEntries);
    }
    if (maxFileBytes != null) {
      limits = limits.withMaxFileBytes(maxFileBytes);
    }
    if (maxPaxHeaderBytes != null) {
      limits = limits.withMaxPaxHeaderBytes(maxPaxHeaderBytes);
    }
    return maxJsonBytes == null ? limits : limits.withMaxJsonBytes(maxJsonBytes);
  }
}
