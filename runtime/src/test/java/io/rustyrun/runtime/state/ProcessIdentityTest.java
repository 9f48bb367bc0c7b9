package io.rustyrun.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final FakeProc proc = new FakeProc(fs.getPath("/proc"));

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void theStatLineHasField22AsStartTime() {
    String[] fields = FakeProc.statLine(7, "sh", 'S', 99).split(" ");

    assertThat(fields).hasSize(52);
    assertThat(fields[21]).isEqualTo("99");
  }

  @Test
  void readsTheStartTimeOfARunningProcess() {
    proc.running(4242, 123456);

    assertThat(ProcessIdentity.of(proc.root, 4242)).contains(new ProcessIdentity(4242, 123456));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesIsSkipped() {
    proc.process(4242, "java (x)", 'S', 777);
    proc.process(4243, "evil) Z 1 (x", 'R', 888);

    assertThat(ProcessIdentity.of(proc.root, 4242)).contains(new ProcessIdentity(4242, 777));
    assertThat(ProcessIdentity.of(proc.root, 4243)).contains(new ProcessIdentity(4243, 888));
  }

  @Test
  void aMissingProcessHasNoIdentity() {
    assertThat(ProcessIdentity.of(proc.root, 1)).isEmpty();
  }

  @Test
  void aZombieOrDeadProcessHasNoIdentity() {
    proc.process(10, "sh", 'Z', 5).process(11, "sh", 'X', 5);

    assertThat(ProcessIdentity.of(proc.root, 10)).isEmpty();
    assertThat(ProcessIdentity.of(proc.root, 11)).isEmpty();
  }

  @Test
  void aGarbledStatFileHasNoIdentity() throws IOException {
    Files.createDirectories(proc.root.resolve("12"));
    Files.writeString(proc.root.resolve("12/stat"), "12 (sh) S 1\n");

    assertThat(ProcessIdentity.of(proc.root, 12)).isEmpty();
  }

  @Test
  void isAliveOnlyWithTheSameStartTime() {
    proc.running(4242, 123456);

    assertThat(new ProcessIdentity(4242, 123456).isAlive(proc.root)).isTrue();
    assertThat(new ProcessIdentity(4242, 999).isAlive(proc.root)).isFalse();
    assertThat(new ProcessIdentity(4343, 123456).isAlive(proc.root)).isFalse();
  }

  @Test
  void encodesAsPidSpaceStartTimeAndDecodesBack() {
    ProcessIdentity id = new ProcessIdentity(4242, 123456);

    assertThat(id.encode()).isEqualTo("4242 123456");
    assertThat(ProcessIdentity.decode("4242 123456\n")).isEqualTo(id);
  }
}
