package io.rustyrun.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.state.StateStore.ContainerDirectory;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  private static final ProcessIdentity OWNER = new ProcessIdentity(100, 5000);
  private static final ProcessIdentity INIT = new ProcessIdentity(200, 6000);

  private final FileSystem fs = Jimfs.newFileSystem(
      Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix").build());
  private final Path root = fs.getPath("/run/rustyrun");
  private final FakeProc proc = new FakeProc(fs.getPath("/proc"));
  private final StateStore store = new StateStore(root, proc.root);
  private final List<Integer> killed = new ArrayList<>();
  private final List<StateStore.ContainerDirectory> released = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  /** A container directory as a foreground run leaves it: owner and init recorded. */
  private Path container(String id, ProcessIdentity owner, ProcessIdentity init) {
    ContainerDirectory dir = store.create(id, owner);
    dir.write(ContainerDirectory.INIT, init.encode());
    dir.write(ContainerDirectory.LAUNCH, new byte[] {1, 2, 3});
    return dir.dir();
  }

  @Test
  void createMakesAPrivateDirectoryWithTheOwnerFile() throws IOException {
    ContainerDirectory dir = store.create("web-1", OWNER);

    assertThat(dir.dir()).isEqualTo(root.resolve("web-1")).isDirectory();
    assertThat(dir.file(ContainerDirectory.OWNER)).hasContent("100 5000");
    assertThat(dir.read(ContainerDirectory.OWNER)).contains("100 5000");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.dir()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
  }

  @Test
  void removingADirectoryAnotherCommandRemovedFirstIsNoError() {
    ContainerDirectory dir = store.create("web-1", OWNER);
    store.remove(dir.dir());

    store.remove(dir.dir());

    assertThat(dir.dir()).doesNotExist();
  }

  @Test
  void aTakenIdIsRejected() {
    store.create("web-1", OWNER);

    assertThatThrownBy(() -> store.create("web-1", new ProcessIdentity(101, 1)))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("container \"web-1\" already exists");
    assertThat(root.resolve("web-1/owner")).hasContent("100 5000");
  }

  @Test
  void writeReplacesAFileAndLeavesNoTempFile() throws IOException {
    ContainerDirectory dir = store.create("web-1", OWNER);

    dir.write(ContainerDirectory.INIT, "1 1");
    dir.write(ContainerDirectory.INIT, INIT.encode());

    assertThat(dir.read(ContainerDirectory.INIT)).contains("200 6000");
    try (var files = Files.list(dir.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("owner", "init");
    }
  }

  @Test
  void readOfAMissingFileIsEmpty() {
    assertThat(store.create("web-1", OWNER).read(ContainerDirectory.INIT)).isEmpty();
  }

  @Test
  void reapRemovesTheStateOfADeadOwnerAndKillsItsLiveInit() {
    proc.running(INIT.pid(), INIT.startTime());
    Path dir = container("web-1", OWNER, INIT);

    store.reapStale(killed::add, released::add);

    assertThat(dir).doesNotExist();
    assertThat(killed).containsExactly(200);
    assertThat(released).extracting(StateStore.ContainerDirectory::id).containsExactly("web-1");
  }

  @Test
  void reapTreatsAReusedOwnerPidAsDead() {
    proc.running(OWNER.pid(), 9999).running(INIT.pid(), INIT.startTime());
    Path dir = container("web-1", OWNER, INIT);

    store.reapStale(killed::add, released::add);

    assertThat(dir).doesNotExist();
    assertThat(killed).containsExactly(200);
  }

  @Test
  void reapDoesNotKillAProcessThatReusedTheInitPid() {
    proc.running(INIT.pid(), 7777);
    Path dir = container("web-1", OWNER, INIT);

    store.reapStale(killed::add, released::add);

    assertThat(dir).doesNotExist();
    assertThat(killed).isEmpty();
  }

  @Test
  void reapTreatsAZombieOwnerAsDead() {
    proc.process(OWNER.pid(), "rustyrun (java)", 'Z', OWNER.startTime());
    Path dir = container("web-1", OWNER, INIT);

    store.reapStale(killed::add, released::add);

    assertThat(dir).doesNotExist();
  }

  @Test
  void reapKeepsTheStateOfALiveOwner() {
    proc.process(OWNER.pid(), "java (x)", 'S', OWNER.startTime()).running(INIT.pid(), INIT.startTime());
    Path dir = container("web-1", OWNER, INIT);

    store.reapStale(killed::add, released::add);

    assertThat(dir.resolve("launch")).exists();
    assertThat(killed).isEmpty();
  }

  @Test
  void reapHandlesEachContainerOnItsOwn() {
    ProcessIdentity liveOwner = new ProcessIdentity(300, 1);
    proc.running(liveOwner.pid(), liveOwner.startTime());
    Path stale = container("stale", OWNER, INIT);
    Path live = container("live", liveOwner, new ProcessIdentity(301, 2));

    store.reapStale(killed::add, released::add);

    assertThat(stale).doesNotExist();
    assertThat(live).isDirectory();
  }

  @Test
  void reapWithoutARootDoesNothing() {
    store.reapStale(killed::add, released::add);

    assertThat(root).doesNotExist();
    assertThat(killed).isEmpty();
  }

  @Test
  void removeDeletesADirectoryTree() throws IOException {
    Path dir = container("web-1", OWNER, INIT);
    Files.createDirectories(dir.resolve("sub/deeper"));

    store.remove(dir);

    assertThat(dir).doesNotExist();
    assertThat(root).isDirectory();
  }

  @Test
  void anIdThatLeavesTheRootIsRejected(@TempDir Path host) {
    // on the real file system: jimfs refuses the ".." where Linux would follow it
    StateStore onDisk = new StateStore(host.resolve("rustyrun"), host.resolve("proc"));

    assertThatThrownBy(() -> onDisk.create("../escape", OWNER))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageStartingWith("invalid container id \"../escape\"");
    assertThat(host.resolve("escape")).doesNotExist();
  }

  @Test
  void aGarbledOwnerFileDoesNotBreakReaping() throws IOException {
    Path bad = store.create("bad", OWNER).dir();
    Files.writeString(bad.resolve("owner"), "");
    Path stale = container("stale", new ProcessIdentity(400, 1), INIT);

    store.reapStale(killed::add, released::add);

    assertThat(stale).doesNotExist();
  }
}
