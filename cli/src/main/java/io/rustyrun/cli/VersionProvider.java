package io.rustyrun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code rustyrun --version}, in runc's shape (podman shows the whole text in {@code podman info}):
 *
 * <pre>
 * rustyrun version 0.1.0-SNAPSHOT
 * spec: 1.2.1
 * java: 25.0.1
 * </pre>
 */
final class VersionProvider implements IVersionProvider {
  /** The OCI runtime-spec version rustyrun implements. */
  static final String OCI_SPEC_VERSION = "1.2.1";

  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "rustyrun version " + p.getProperty("version", "unknown"),
      "spec: " + OCI_SPEC_VERSION,
      "java: " + Runtime.version()
    };
  }
}
