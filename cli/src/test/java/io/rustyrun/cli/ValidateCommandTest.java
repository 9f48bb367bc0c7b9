package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.rustyrun.spec.ExampleSpec;
import io.rustyrun.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ValidateCommandTest {

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  /** The command alone, reading FILE arguments from the in-memory file system. */
  private int validate(String file) {
    CommandLine cl = CommandModel.commandLine(new ValidateCommand(new SpecLoader()).spec());
    cl.registerConverter(Path.class, fs::getPath);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute("-f", file);
  }

  private void write(String file, String text) throws IOException {
    Files.createDirectories(fs.getPath(file).getParent());
    Files.writeString(fs.getPath(file), text);
  }

  @Test
  void aValidSpecPrintsOneOkLineAndExitsZero() throws IOException {
    write("/bundle/container.yaml", ExampleSpec.yaml());

    int status = validate("/bundle/container.yaml");

    assertThat(status).isZero();
    assertThat(out.toString()).isEqualTo("/bundle/container.yaml: valid (sh in rootfs)" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anInvalidSpecPrintsEveryViolationToStderrAndExits125() throws IOException {
    write("/bundle/container.yaml", """
        ociVersion: 3.0.0
        hostnmae: web
        process:
          args: []
          cwd: tmp
          env: [FOO]
        root: {path: rootfs}
        """);

    int status = validate("/bundle/container.yaml");

    assertThat(status).isEqualTo(125);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines().filter(line -> !line.startsWith("  hint: "))).containsExactly(
        "/bundle/container.yaml:1:13: ociVersion: unsupported version \"3.0.0\"",
        "/bundle/container.yaml:2:1: hostnmae: unknown field \"hostnmae\"",
        "/bundle/container.yaml:4:9: process.args: must not be empty",
        "/bundle/container.yaml:5:8: process.cwd: must be an absolute path, got \"tmp\"",
        "/bundle/container.yaml:6:9: process.env[0]: \"FOO\" is not of the form NAME=value");
    assertThat(err.toString()).contains("  hint: did you mean \"hostname\"?");
  }

  @Test
  void aMissingFileIsAnErrorWithStatus125() {
    StringWriter cliOut = new StringWriter();
    StringWriter cliErr = new StringWriter();
    CommandLine cl = Cli.commandLine(new RustyrunCommand(), new PrintWriter(cliOut), new PrintWriter(cliErr));
    cl.getSubcommands().get("validate").registerConverter(Path.class, fs::getPath);

    int status = cl.execute("validate", "-f", "/bundle/missing.yaml");

    assertThat(status).isEqualTo(125);
    assertThat(cliErr.toString())
        .startsWith("rustyrun: error: cannot read spec \"/bundle/missing.yaml\": no such file");
  }

  @Test
  void theFileOptionIsRequired() {
    assertThat(validateWithoutArguments()).isNotZero();
    assertThat(err.toString()).contains("--file");
  }

  private int validateWithoutArguments() {
    CommandLine cl = CommandModel.commandLine(new ValidateCommand(new SpecLoader()).spec());
    cl.setErr(new PrintWriter(err));
    return cl.execute();
  }
}
