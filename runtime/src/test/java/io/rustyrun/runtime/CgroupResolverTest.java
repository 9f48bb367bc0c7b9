package io.rustyrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.rustyrun.runtime.cgroup.CgroupHost;
import io.rustyrun.runtime.cgroup.CgroupManager;
import io.rustyrun.runtime.cgroup.CgroupResources;
import io.rustyrun.runtime.cgroup.CpuLimits;
import io.rustyrun.runtime.cgroup.DeviceRule;
import io.rustyrun.runtime.cgroup.MemoryLimits;
import io.rustyrun.runtime.sys.RecordingSyscalls;
import io.rustyrun.spec.BlockIoSpec;
import io.rustyrun.spec.CpuSpec;
import io.rustyrun.spec.DeviceRuleSpec;
import io.rustyrun.spec.DeviceSpec;
import io.rustyrun.spec.LinuxSpec;
import io.rustyrun.spec.MemorySpec;
import io.rustyrun.spec.PidsSpec;
import io.rustyrun.spec.ResourcesSpec;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupResolverTest {

  private static ResourcesSpec resources(List<DeviceRuleSpec> devices, MemorySpec memory, CpuSpec cpu, PidsSpec pids) {
    return new ResourcesSpec(devices, memory, cpu, pids, null, null, null, null, null);
  }

  private static LinuxSpec linux(String cgroupsPath, ResourcesSpec resources, List<DeviceSpec> devices) {
    return new LinuxSpec(null, null, null, devices, cgroupsPath, resources, null, null, null, null, null, null, null, null, null, null);
  }

  private static List<String> rendered(CgroupResources resources) {
    return resources.devices().stream().map(DeviceRule::toString).toList();
  }

  @Test
  void limitsAreCopiedAndEmptyCpusetsMeanUnchanged() {
    ResourcesSpec spec = resources(null, new MemorySpec(100L << 20, 50L << 20, 200L << 20, 1L, null, null, null, null, null),
        new CpuSpec(512L, 50_000L, null, 100_000L, null, null, "", "0", null), new PidsSpec(64L));

    CgroupResources resources = CgroupResolver.resources(linux("", spec, null));

    assertThat(resources.memory()).isEqualTo(new MemoryLimits(100L << 20, 50L << 20, 200L << 20));
    assertThat(resources.cpu()).isEqualTo(new CpuLimits(512L, 50_000L, 100_000L, null, "0"));
    assertThat(resources.pidsLimit()).isEqualTo(64L);
  }

  @Test
  void devicesAreDenyAllThenTheSpecsRulesThenTheDefaultsThenLinuxDevices() {
    List<DeviceRuleSpec> rules = List.of(
        new DeviceRuleSpec(false, null, null, null, "rwm"),
        new DeviceRuleSpec(true, "c", 10L, 200L, "mwr"),
        new DeviceRuleSpec(false, "b", 8L, null, "w"));
    List<DeviceSpec> devices = List.of(
        new DeviceSpec("c", "/dev/fuse", 10, 229, 0666, null, null),
        new DeviceSpec("b", "/dev/sda", 8, 0, null, null, null),
        new DeviceSpec("p", "/dev/fifo", 0, 0, null, null, null));

    List<String> expected = new ArrayList<>(List.of(
        "deny a *:* rwm", "deny a *:* rwm", "allow c 10:200 rwm", "deny b 8:* w"));
    DeviceRule.defaults().forEach(rule -> expected.add(rule.toString()));
    expected.addAll(List.of("allow c 10:229 rwm", "allow b 8:0 rwm"));
    assertThat(rendered(CgroupResolver.resources(linux("", resources(rules, null, null, null), devices))))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void withoutResourcesTheDevicesAreDenyAllAndTheDefaults() {
    CgroupResources resources = CgroupResolver.resources(LinuxSpec.NONE);

    assertThat(resources.devices()).first().isEqualTo(DeviceRule.DENY_ALL);
    assertThat(resources.devices()).hasSize(1 + DeviceRule.defaults().size());
    assertThat(resources.memory()).isEqualTo(MemoryLimits.NONE);
    assertThat(resources.pidsLimit()).isNull();
  }

  @Test
  void anUpdateLeavesTheDeviceRulesAlone() {
    ResourcesSpec spec = resources(List.of(new DeviceRuleSpec(false, null, null, null, "rwm")),
        new MemorySpec(1L << 30, null, null, null, null, null, null, null, null), null, null);

    CgroupResources update = CgroupResolver.update(spec);

    assertThat(update.devices()).isEmpty();
    assertThat(update.memory().limit()).isEqualTo(1L << 30);
  }

  @Test
  void limitsRustyrunCannotApplyAreRefused() {
    ResourcesSpec spec = new ResourcesSpec(null,
        new MemorySpec(null, null, null, null, null, 10L, true, null, null),
        new CpuSpec(null, null, 5L, null, null, null, null, null, null), null,
        new BlockIoSpec(500, null, null, null, null, null, null), null, null, null, Map.of("memory.high", "1G"));

    assertThatThrownBy(() -> CgroupResolver.resources(linux("", spec, null)))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("rustyrun cannot apply \"linux.resources.blockIO\", \"linux.resources.unified\", "
            + "\"linux.resources.memory.swappiness\", \"linux.resources.memory.disableOOMKiller\", "
            + "\"linux.resources.cpu.burst\" yet");
    assertThatThrownBy(() -> CgroupResolver.update(spec)).hasMessageStartingWith("rustyrun cannot apply \"resources.blockIO\"");
  }

  @Test
  void managersPlaceTheCgroupsPathAndTurnErrorsIntoSetupErrors() throws IOException {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    Path root = fs.getPath("/sys/fs/cgroup");
    Files.createDirectories(root);
    Files.writeString(fs.getPath("/mountinfo"), "39 31 0:36 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n");
    Files.writeString(fs.getPath("/cgroup"), "8:pids:/\n");
    CgroupResolver resolver = new CgroupResolver(CgroupHost.detect(root, fs.getPath("/mountinfo"), fs.getPath("/cgroup"), new RecordingSyscalls()));

    CgroupManager cgroup = resolver.manager(linux("/libpod_parent/libpod-abc", ResourcesSpec.NONE, null), "abc");
    CgroupManager byDefault = resolver.manager(LinuxSpec.NONE, "web-1");

    assertThat(cgroup.directories()).containsExactly(Map.entry("pids", fs.getPath("/sys/fs/cgroup/pids/libpod_parent/libpod-abc")));
    assertThat(byDefault.directories()).containsExactly(Map.entry("pids", fs.getPath("/sys/fs/cgroup/pids/rustyrun/web-1")));
    assertThat(resolver.reopen(Map.of("pids", "/sys/fs/cgroup/pids/rustyrun/web-1")).directories())
        .isEqualTo(byDefault.directories());
    assertThatThrownBy(() -> cgroup.apply(new CgroupResources(MemoryLimits.NONE, CpuLimits.NONE, 5L, List.of())))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("cannot set pids limit 5: write \"5\" to \"/sys/fs/cgroup/pids/libpod_parent/libpod-abc/pids.max\": "
            + "No such file or directory");
    assertThatThrownBy(() -> resolver.manager(linux("../x", ResourcesSpec.NONE, null), "x"))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("cgroup path \"../x\" must not contain \".\" or \"..\"");
  }
}
