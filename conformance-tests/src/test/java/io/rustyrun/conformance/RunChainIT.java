package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 1: {@code run} starts the run -> child -> init chain, and inside the container
 * the target is PID 1 in a root, PID and set of namespaces of its own.
 */
@ConformanceTest
class RunChainIT {
  private static final List<String> NAMESPACE_LINKS =
      List.of("mnt", "uts", "ipc", "net", "pid", "cgroup");

  @Test
  void targetIsPid1() {
    RunResult result = Container.busybox().args("sh", "-c", "echo $$").run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("1");
  }

  @Test
  void psShowsOnlyTheContainersProcesses() {
    // Wait until the background job has exec'd sleep, and end with "exit" so that sh does not
    // exec ps in its own place (busybox sh execs the last command of "-c").
    String probe =
        "sleep 100 & until ps -o comm | grep -q '^sleep'; do sleep 0.1; done; ps -o pid,comm; exit 0";
    RunResult result = Container.busybox().args("sh", "-c", probe).run();

    // Header, then "1 sh", "N sleep", "M ps": nothing of the host, no stage JVM.
    Map<String, String> commandByPid = new LinkedHashMap<>();
    result.stdoutLines().stream().skip(1).map(line -> line.split("\\s+", 2))
        .forEach(cols -> commandByPid.put(cols[0], cols[1]));
    assertThatRun(result).succeeded();
    assertThat(Set.copyOf(commandByPid.values())).as(result.describe())
        .containsExactlyInAnyOrder("sh", "sleep", "ps");
    assertThat(commandByPid).as(result.describe()).containsEntry("1", "sh");
  }

  @Test
  void hostnameIsTheSpecs() {
    RunResult result = Container.busybox().hostname("rr-chain-7").args("hostname").run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("rr-chain-7");
  }

  @Test
  void rootIsTheRootfsAndNoHostMountIsVisible() throws IOException {
    Path rootfs = BusyboxRootfs.path();
    try (HostMount marker = HostMount.tmpfs(TestEnvironment.workDir().resolve("host-only-mount"))) {
      RunResult result =
          Container.busybox().args("sh", "-c", "ls -a /; echo ---; cat /proc/self/mountinfo").run();

      assertThatRun(result).succeeded();
      List<String> sections = List.of(result.stdout().split("---\n", 2));
      assertThat(sections.get(0).lines().map(String::strip).collect(Collectors.toSet()))
          .as("ls -a / inside is the rootfs\n" + result.describe())
          .isEqualTo(directoryListing(rootfs));
      List<MountInfo> mounts = MountInfo.parse(sections.get(1));
      assertThat(mounts).as(result.describe())
          .filteredOn(m -> m.mountPoint().equals("/")).hasSize(1);
      // With the default spec only the runtime's own filesystems may appear; anything else (an
      // "/oldroot", a host path) means pivot_root did not happen or the old root is attached.
      assertThat(mounts).as(result.describe())
          .extracting(MountInfo::mountPoint)
          .allMatch(point -> point.equals("/") || Stream.of("/proc", "/dev", "/sys")
              .anyMatch(prefix -> point.equals(prefix) || point.startsWith(prefix + "/")));
      assertThat(sections.get(1)).as(result.describe())
          .doesNotContain(marker.path().getFileName().toString());
    }
  }

  @Test
  void procIsAFreshProcfsOfTheNewPidNamespace() {
    RunResult result =
        Container.busybox().args("sh", "-c", "cat /proc/self/mountinfo; echo ---; ls /proc").run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 2);
    MountInfo proc = MountInfo.at(MountInfo.parse(sections[0]), "/proc").orElseThrow(
        () -> new AssertionError("no /proc mount inside\n" + result.describe()));
    assertThat(proc.fsType()).isEqualTo("proc");
    // A new procfs instance has its own superblock, hence its own device number.
    assertThat(proc.device()).as(result.describe())
        .isNotEqualTo(MountInfo.at(MountInfo.ofHost(), "/proc").orElseThrow().device());
    List<String> pids = sections[1].lines().map(String::strip)
        .filter(name -> name.matches("\\d+")).toList();
    assertThat(pids).as("/proc lists only the container's processes\n" + result.describe())
        .contains("1")
        .hasSizeLessThanOrEqualTo(3)
        .allMatch(pid -> Integer.parseInt(pid) < 100);
  }

  @Test
  void requestedNamespacesAreNew() {
    RunResult result = Container.busybox().args("sh", "-c", readNamespaceLinksOfPid1()).run();

    assertThatRun(result).succeeded();
    Map<String, String> inside = namespaceLinks(result);
    for (String type : NAMESPACE_LINKS) {
      assertThat(inside.get(type)).as(type + " namespace\n" + result.describe())
          .isNotNull()
          .isNotEqualTo(HostProcesses.hostNamespace(type));
    }
  }

  @Test
  void namespacesNotRequestedAreTheHosts() {
    RunResult result =
        Container.busybox()
            .namespaces("pid", "mount", "uts")
            .args("sh", "-c", readNamespaceLinksOfPid1())
            .run();

    assertThatRun(result).succeeded();
    Map<String, String> inside = namespaceLinks(result);
    for (String type : List.of("ipc", "net", "cgroup")) {
      assertThat(inside.get(type)).as(type + " namespace\n" + result.describe())
          .isEqualTo(HostProcesses.hostNamespace(type));
    }
    for (String type : List.of("mnt", "uts", "pid")) {
      assertThat(inside.get(type)).as(type + " namespace\n" + result.describe())
          .isNotEqualTo(HostProcesses.hostNamespace(type));
    }
  }

  @Test
  void networkHasOnlyLoopbackAndItIsUp() {
    // A TCP round trip over 127.0.0.1 needs no capability (unlike ping's raw socket). The
    // client retries (up to 10 s: CI machines are loaded) while the listener starts.
    String probe = String.join("\n",
        "cat /proc/net/dev",
        "echo ---",
        "ip -o link show",
        "echo ---",
        "nc -l -p 7777 127.0.0.1 &",
        "for i in $(seq 50); do",
        "  sleep 0.2; echo over-lo | nc 127.0.0.1 7777 2>/dev/null && break",
        "done",
        "wait");
    RunResult result = Container.busybox().args("sh", "-c", probe).run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 3);
    Set<String> interfaces = sections[0].lines().filter(line -> line.contains(":"))
        .map(line -> line.substring(0, line.indexOf(':')).strip()).collect(Collectors.toSet());
    assertThat(interfaces).as(result.describe()).containsExactly("lo");
    assertThat(sections[1].strip()).as(result.describe())
        .startsWith("1: lo:").containsPattern("<[^>]*\\bUP\\b[^>]*>");
    assertThat(sections[2]).as("the listener received the message\n" + result.describe())
        .contains("over-lo");
  }

  @Test
  @RequiresTool("ip")
  void joinsANetworkNamespaceGivenByPath() throws Exception {
    String name = "rr-it-" + ProcessHandle.current().pid();
    Commands.run("ip", "netns", "add", name);
    try {
      Path nsPath = Path.of("/run/netns", name);
      long inode = (Long) Files.getAttribute(nsPath, "unix:ino");

      RunResult result = Container.busybox().joinNamespace("network", nsPath)
          .args("readlink", "/proc/1/ns/net").run();

      assertThatRun(result).succeeded().stdoutText().isEqualTo("net:[" + inode + "]");
    } finally {
      Commands.run("ip", "netns", "delete", name);
    }
  }

  @Test
  @RequiresTool("unshare")
  void joinsAUtsNamespaceGivenByPath() throws Exception {
    // The holder sets its own hostname; joining its namespace must show it, and the spec sets
    // none (setting one would rename the holder's namespace).
    Process holder = new ProcessBuilder(HostTools.require("unshare"), "--uts", "sh", "-c",
        "hostname rr-holder; echo ready; exec sleep 1000").start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8))
          .isEqualTo("ready\n");
      Path nsPath = Path.of("/proc", Long.toString(holder.pid()), "ns", "uts");

      RunResult result = Container.busybox().hostname(null).joinNamespace("uts", nsPath)
          .args("sh", "-c", "hostname; readlink /proc/1/ns/uts").run();

      assertThatRun(result).succeeded().stdoutLines().containsExactly(
          "rr-holder", HostProcesses.namespace(holder.pid(), "uts").orElseThrow());
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void runsAnOciBundleConfigJsonFromRuncSpec() throws Exception {
    Path bundle = RuncBundle.create("sh", "-c", "echo pid=$$; hostname; touch /x || echo ro-root");

    RunResult result = Container.ofSpecFile(bundle.resolve("config.json")).run();

    // runc spec: hostname "runc", root "rootfs" relative to the bundle, read-only.
    assertThatRun(result).succeeded().stdoutLines().containsExactly("pid=1", "runc", "ro-root");
  }

  @Test
  void acceptsAnAbsoluteRootPath() {
    RunResult result = Container.busybox().rootPath(BusyboxRootfs.path().toString())
        .args("sh", "-c", "echo $$").run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("1");
  }

  /** A shell loop printing "type link" for each namespace of PID 1. */
  private static String readNamespaceLinksOfPid1() {
    return "for ns in " + String.join(" ", NAMESPACE_LINKS)
        + "; do echo \"$ns $(readlink /proc/1/ns/$ns)\"; done";
  }

  private static Map<String, String> namespaceLinks(RunResult result) {
    return result.stdoutLines().stream().map(line -> line.split(" ", 2))
        .collect(Collectors.toMap(cols -> cols[0], cols -> cols.length > 1 ? cols[1] : ""));
  }

  private static Set<String> directoryListing(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      Set<String> names = entries.map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(java.util.TreeSet::new));
      names.addAll(List.of(".", ".."));
      return names;
    }
  }
}
