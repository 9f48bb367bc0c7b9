package io.rustyrun.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CgroupPathTest {

  @ParameterizedTest
  @CsvSource({
      "/libpod_parent/libpod-abc, true, /libpod_parent/libpod-abc",
      "testdir/cgrouptest/container, false, testdir/cgrouptest/container",
      "//a///b/, true, /a/b",
      "'', true, /rustyrun/web-1",
  })
  void parses(String spec, boolean absolute, String normal) {
    CgroupPath path = CgroupPath.of(spec, "web-1");

    assertThat(path.absolute()).isEqualTo(absolute);
    assertThat(path).hasToString(normal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "/a/../../b", "a/./b"})
  void refusesDotComponents(String spec) {
    assertThatThrownBy(() -> CgroupPath.of(spec, "x"))
        .isInstanceOf(CgroupException.class)
        .hasMessage("cgroup path \"" + spec + "\" must not contain \".\" or \"..\"");
  }

  @Test
  void refusesAnIdThatEscapesTheDefaultPath() {
    assertThatThrownBy(() -> CgroupPath.of("", "..")).hasMessageContaining("\"/rustyrun/..\"");
  }

  @Test
  void refusesTheRootCgroup() {
    assertThatThrownBy(() -> CgroupPath.of("/", "x"))
        .hasMessage("cgroup path \"/\" names the root cgroup, which cannot hold limits");
  }

  @Test
  void resolvesUnderABase() {
    FakeCgroupFs fake = new FakeCgroupFs();

    assertThat(CgroupPath.of("/a/b", "x").under(fake.root)).isEqualTo(fake.path("/sys/fs/cgroup/a/b"));
  }
}
