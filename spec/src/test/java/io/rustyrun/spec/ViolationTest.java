package io.rustyrun.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ViolationTest {

  private final Path file = Jimfs.newFileSystem(Configuration.unix()).getPath("container.yaml");

  @Test
  void rendersFileLineColumnFieldAndMessage() {
    Violation v = new Violation(file, 12, 5, "process.args", "must not be empty", null);

    assertThat(v.render()).isEqualTo("container.yaml:12:5: process.args: must not be empty");
  }

  @Test
  void rendersTheHintOnItsOwnLine() {
    Violation v = new Violation(file, 2, 1, "hostnme", "unknown field \"hostnme\"", "did you mean \"hostname\"?");

    assertThat(v.render().lines()).containsExactly(
        "container.yaml:2:1: hostnme: unknown field \"hostnme\"", "  hint: did you mean \"hostname\"?");
  }

  @Test
  void rendersASyntaxErrorWithoutAField() {
    Violation v = new Violation(file, 3, 9, "", "syntax error: mapping values are not allowed here", null);

    assertThat(v.render()).isEqualTo("container.yaml:3:9: syntax error: mapping values are not allowed here");
  }
}
