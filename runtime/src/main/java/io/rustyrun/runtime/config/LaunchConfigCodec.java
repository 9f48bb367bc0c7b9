package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.Capability;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Rlimit;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The binary form of a {@link LaunchConfig} that the host hands to the child and init stages:
 * {@code DataOutputStream} primitives behind a magic number and a version, so a stage started
 * from a different build fails with a clear message instead of misreading fields.
 *
 * <pre>{@code
 * LaunchConfigCodec.write(config, out);
 * LaunchConfig same = LaunchConfigCodec.read(in);
 * }</pre>
 *
 * <p>Parsing YAML in every stage would load Jackson into every stage JVM (~250 ms cold).
 */
public final class LaunchConfigCodec {
  private static final int MAGIC = 0x52525543; // "RRUC"
  private static final int VERSION = 2;

  private LaunchConfigCodec() {}

  public static void write(LaunchConfig c, OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(c.id());
    out.writeUTF(c.mode().name());
    out.writeUTF(c.rootfs().toString());
    out.writeUTF(c.image() == null ? "" : c.image().toString());
    out.writeBoolean(c.readonlyRoot());
    out.writeBoolean(c.noPivot());
    out.writeUTF(c.hostname());
    out.writeUTF(c.domainname());
    out.writeInt(c.namespaces().size());
    for (NamespaceEntry n : c.namespaces()) {
      out.writeUTF(n.type().name());
      out.writeUTF(n.path() == null ? "" : n.path().toString());
    }
    out.writeUTF(c.rootPropagation().name());
    out.writeInt(c.mounts().size());
    for (MountEntry m : c.mounts()) {
      writeMount(out, m);
    }
    out.writeInt(c.devices().size());
    for (DeviceEntry d : c.devices()) {
      out.writeUTF(d.path());
      out.writeUTF(d.node().type().name());
      out.writeInt(d.node().major());
      out.writeInt(d.node().minor());
      out.writeInt(d.node().mode());
      out.writeInt(d.uid());
      out.writeInt(d.gid());
    }
    writeStrings(out, c.maskedPaths());
    writeStrings(out, c.readonlyPaths());
    out.writeInt(c.sysctl().size());
    for (Map.Entry<String, String> e : c.sysctl().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    writeProcess(out, c.process());
    writeStages(out, c.stages());
    out.writeLong(c.traceOrigin());
    out.writeInt(c.cgroups().size());
    for (Map.Entry<String, Path> e : c.cgroups().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue().toString());
    }
    out.writeBoolean(c.seccomp() != null);
    if (c.seccomp() != null) {
      byte[] program = c.seccomp().program();
      out.writeInt(c.seccomp().flags());
      out.writeInt(program.length);
      out.write(program);
    }
    out.flush();
  }

  /** The binary form as bytes, for a state file. */
  public static byte[] toBytes(LaunchConfig config) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(config, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads the launch config stored in {@code file}. */
  public static LaunchConfig read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public static LaunchConfig read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a launch config of this rustyrun version");
    }
    String id = in.readUTF();
    LaunchConfig.Mode mode = LaunchConfig.Mode.valueOf(in.readUTF());
    Path rootfs = Path.of(in.readUTF());
    String image = in.readUTF();
    boolean readonlyRoot = in.readBoolean();
    boolean noPivot = in.readBoolean();
    String hostname = in.readUTF();
    String domainname = in.readUTF();
    int namespaceCount = in.readInt();
    List<NamespaceEntry> namespaces = new ArrayList<>(namespaceCount);
    for (int i = 0; i < namespaceCount; i++) {
      Namespace type = Namespace.valueOf(in.readUTF());
      String path = in.readUTF();
      namespaces.add(new NamespaceEntry(type, path.isEmpty() ? null : Path.of(path)));
    }
    Propagation rootPropagation = Propagation.valueOf(in.readUTF());
    int mountCount = in.readInt();
    List<MountEntry> mounts = new ArrayList<>(mountCount);
    for (int i = 0; i < mountCount; i++) {
      mounts.add(readMount(in));
    }
    int deviceCount = in.readInt();
    List<DeviceEntry> devices = new ArrayList<>(deviceCount);
    for (int i = 0; i < deviceCount; i++) {
      String path = in.readUTF();
      DeviceNode node = new DeviceNode(DeviceNode.Type.valueOf(in.readUTF()), in.readInt(), in.readInt(), in.readInt());
      devices.add(new DeviceEntry(path, node, in.readInt(), in.readInt()));
    }
    List<String> masked = readStrings(in);
    List<String> readonly = readStrings(in);
    int sysctlCount = in.readInt();
    Map<String, String> sysctl = new LinkedHashMap<>();
    for (int i = 0; i < sysctlCount; i++) {
      sysctl.put(in.readUTF(), in.readUTF());
    }
    ProcessConfig process = readProcess(in);
    StageCommand stages = readStages(in);
    long traceOrigin = in.readLong();
    int cgroupCount = in.readInt();
    Map<String, Path> cgroups = new LinkedHashMap<>();
    for (int i = 0; i < cgroupCount; i++) {
      cgroups.put(in.readUTF(), Path.of(in.readUTF()));
    }
    SeccompFilter seccomp = null;
    if (in.readBoolean()) {
      int flags = in.readInt();
      seccomp = new SeccompFilter(in.readNBytes(in.readInt()), flags);
    }
    return new LaunchConfig(id, mode, rootfs, image.isEmpty() ? null : Path.of(image), readonlyRoot, noPivot, hostname, domainname, namespaces,
        rootPropagation, mounts, devices, masked, readonly, sysctl, process, stages, traceOrigin, cgroups, seccomp);
  }

  private static void writeMount(DataOutputStream out, MountEntry m) throws IOException {
    out.writeUTF(m.destination());
    out.writeUTF(m.type());
    out.writeUTF(m.source());
    out.writeLong(MountFlag.bits(m.flags()));
    out.writeInt(m.propagation().size());
    for (Propagation p : m.propagation()) {
      out.writeUTF(p.name());
    }
    out.writeUTF(m.data());
  }

  private static MountEntry readMount(DataInputStream in) throws IOException {
    String destination = in.readUTF();
    String type = in.readUTF();
    String source = in.readUTF();
    Set<MountFlag> flags = flagsOf(in.readLong());
    int count = in.readInt();
    List<Propagation> propagation = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      propagation.add(Propagation.valueOf(in.readUTF()));
    }
    return new MountEntry(destination, type, source, flags, propagation, in.readUTF());
  }

  private static Set<MountFlag> flagsOf(long bits) {
    Set<MountFlag> flags = EnumSet.noneOf(MountFlag.class);
    for (MountFlag f : MountFlag.values()) {
      if ((bits & f.bit()) != 0) {
        flags.add(f);
      }
    }
    return flags;
  }

  private static void writeProcess(DataOutputStream out, ProcessConfig p) throws IOException {
    writeStrings(out, p.args());
    writeStrings(out, p.env());
    out.writeUTF(p.cwd());
    out.writeInt(p.uid());
    out.writeInt(p.gid());
    out.writeInt(p.additionalGids().size());
    for (int gid : p.additionalGids()) {
      out.writeInt(gid);
    }
    out.writeInt(p.umask());
    out.writeBoolean(p.terminal());
    CapabilitySets caps = p.capabilities();
    for (Set<Capability> set : List.of(caps.bounding(), caps.effective(), caps.inheritable(), caps.permitted(), caps.ambient())) {
      out.writeLong(Capability.mask(set));
    }
    out.writeInt(p.rlimits().size());
    for (Rlimit r : p.rlimits()) {
      out.writeUTF(r.resource().name());
      out.writeLong(r.soft());
      out.writeLong(r.hard());
    }
    out.writeBoolean(p.noNewPrivileges());
    out.writeBoolean(p.oomScoreAdj().isPresent());
    out.writeInt(p.oomScoreAdj().orElse(0));
    out.writeInt(p.preservedFds());
  }

  private static ProcessConfig readProcess(DataInputStream in) throws IOException {
    List<String> args = readStrings(in);
    List<String> env = readStrings(in);
    String cwd = in.readUTF();
    int uid = in.readInt();
    int gid = in.readInt();
    int count = in.readInt();
    List<Integer> groups = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      groups.add(in.readInt());
    }
    int umask = in.readInt();
    boolean terminal = in.readBoolean();
    CapabilitySets caps = new CapabilitySets(capabilities(in.readLong()), capabilities(in.readLong()),
        capabilities(in.readLong()), capabilities(in.readLong()), capabilities(in.readLong()));
    int rlimitCount = in.readInt();
    List<Rlimit> rlimits = new ArrayList<>(rlimitCount);
    for (int i = 0; i < rlimitCount; i++) {
      rlimits.add(new Rlimit(Rlimit.Resource.valueOf(in.readUTF()), in.readLong(), in.readLong()));
    }
    boolean noNewPrivileges = in.readBoolean();
    boolean hasOom = in.readBoolean();
    int oom = in.readInt();
    return new ProcessConfig(args, env, cwd, uid, gid, groups, umask, terminal, caps, rlimits,
        noNewPrivileges, hasOom ? OptionalInt.of(oom) : OptionalInt.empty(), in.readInt());
  }

  private static Set<Capability> capabilities(long mask) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (Capability c : Capability.values()) {
      if ((mask & (1L << c.number())) != 0) {
        caps.add(c);
      }
    }
    return caps;
  }

  private static void writeStages(DataOutputStream out, StageCommand s) throws IOException {
    out.writeUTF(s.java().toString());
    writeStrings(out, s.jvmOptions());
    out.writeUTF(s.classPath());
    out.writeUTF(s.mainClass());
  }

  private static StageCommand readStages(DataInputStream in) throws IOException {
    return new StageCommand(Path.of(in.readUTF()), readStrings(in), in.readUTF(), in.readUTF());
  }

  /**
   * A string of any length (writeUTF stops at 64 KiB): its UTF-8 byte count, then the bytes.
   * Also the form of {@link Hooks}' strings.
   */
  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
  }

  static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      writeString(out, s);
    }
  }

  static List<String> readStrings(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<String> strings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      strings.add(readString(in));
    }
    return strings;
  }
}
