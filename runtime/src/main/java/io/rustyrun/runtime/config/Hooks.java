package io.rustyrun.runtime.config;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's lifecycle hooks and the state they are given. The host stores them in the
 * container's state directory (file {@link #FILE}) only when there are any: init reads them
 * there before pivot_root, {@code start} and {@code delete} find them there later.
 *
 * <pre>{@code
 * Hooks hooks = new Hooks(state, Map.of(HookPhase.POSTSTOP, List.of(cleanup)));
 * dir.write(Hooks.FILE, hooks.toBytes());
 * Hooks.readFrom(dir.dir()).ifPresent(h -> runner.runAll(h, HookPhase.POSTSTOP, 0));
 * }</pre>
 *
 * @param state what the hooks get on stdin, but the status and pid
 * @param phases the hooks by phase, in the spec's order
 */
public record Hooks(HookState state, Map<HookPhase, List<HookEntry>> phases) {
  /** The file in the state directory. */
  public static final String FILE = "hooks";

  private static final int MAGIC = 0x5252484b; // "RRHK"
  private static final int VERSION = 1;

  public Hooks {
    Map<HookPhase, List<HookEntry>> copy = new EnumMap<>(HookPhase.class);
    phases.forEach((phase, entries) -> {
      if (!entries.isEmpty()) {
        copy.put(phase, List.copyOf(entries));
      }
    });
    phases = Map.copyOf(copy);
  }

  /** The hooks of {@code phase}, in order; empty when it has none. */
  public List<HookEntry> of(HookPhase phase) {
    return phases.getOrDefault(phase, List.of());
  }

  /** Whether init must wait before pivot_root for the host's prestart and createRuntime hooks. */
  public boolean hostRunsBeforePivot() {
    return phases.containsKey(HookPhase.PRESTART) || phases.containsKey(HookPhase.CREATE_RUNTIME);
  }

  /** Whether no phase has a hook. */
  public boolean isEmpty() {
    return phases.isEmpty();
  }

  /** The binary form for the state directory. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      LaunchConfigCodec.writeString(out, state.ociVersion());
      LaunchConfigCodec.writeString(out, state.id());
      LaunchConfigCodec.writeString(out, state.bundle().toString());
      out.writeInt(state.annotations().size());
      for (Map.Entry<String, String> a : state.annotations().entrySet()) {
        LaunchConfigCodec.writeString(out, a.getKey());
        LaunchConfigCodec.writeString(out, a.getValue());
      }
      for (HookPhase phase : HookPhase.values()) {
        List<HookEntry> entries = of(phase);
        out.writeInt(entries.size());
        for (HookEntry hook : entries) {
          LaunchConfigCodec.writeString(out, hook.path().toString());
          LaunchConfigCodec.writeStrings(out, hook.argv());
          LaunchConfigCodec.writeStrings(out, hook.env());
          out.writeInt(hook.timeoutSeconds());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The hooks stored in state directory {@code dir}; empty when the container has none. */
  public static Optional<Hooks> readFrom(Path dir) {
    try (InputStream stream = Files.newInputStream(dir.resolve(FILE))) {
      return Optional.of(read(new DataInputStream(stream)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hooks in \"" + dir.resolve(FILE) + "\"", e);
    }
  }

  private static Hooks read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a hooks file of this rustyrun version");
    }
    String ociVersion = LaunchConfigCodec.readString(in);
    String id = LaunchConfigCodec.readString(in);
    Path bundle = Path.of(LaunchConfigCodec.readString(in));
    int count = in.readInt();
    Map<String, String> annotations = new HashMap<>();
    for (int i = 0; i < count; i++) {
      annotations.put(LaunchConfigCodec.readString(in), LaunchConfigCodec.readString(in));
    }
    Map<HookPhase, List<HookEntry>> phases = new EnumMap<>(HookPhase.class);
    for (HookPhase phase : HookPhase.values()) {
      int hooks = in.readInt();
      List<HookEntry> entries = new ArrayList<>(hooks);
      for (int i = 0; i < hooks; i++) {
        Path path = Path.of(LaunchConfigCodec.readString(in));
        List<String> argv = LaunchConfigCodec.readStrings(in);
        entries.add(new HookEntry(path, argv, LaunchConfigCodec.readStrings(in), in.readInt()));
      }
      phases.put(phase, entries);
    }
    return new Hooks(new HookState(ociVersion, id, bundle, annotations), phases);
  }
}
