package io.rustyrun.runtime.config;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * Hooks.readFrom(dir.dir()).orElse(Hooks.none(state)).of(HookPhase.POSTSTOP);
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
      writeString(out, state.ociVersion());
      writeString(out, state.id());
      writeString(out, state.bundle().toString());
      out.writeInt(state.annotations().size());
      for (Map.Entry<String, String> a : state.annotations().entrySet()) {
        writeString(out, a.getKey());
        writeString(out, a.getValue());
      }
      for (HookPhase phase : HookPhase.values()) {
        List<HookEntry> entries = of(phase);
        out.writeInt(entries.size());
        for (HookEntry hook : entries) {
          writeString(out, hook.path().toString());
          writeStrings(out, hook.argv());
          writeStrings(out, hook.env());
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
    String ociVersion = readString(in);
    String id = readString(in);
    Path bundle = Path.of(readString(in));
    int count = in.readInt();
    Map<String, String> annotations = new HashMap<>();
    for (int i = 0; i < count; i++) {
      annotations.put(readString(in), readString(in));
    }
    Map<HookPhase, List<HookEntry>> phases = new EnumMap<>(HookPhase.class);
    for (HookPhase phase : HookPhase.values()) {
      int hooks = in.readInt();
      List<HookEntry> entries = new ArrayList<>(hooks);
      for (int i = 0; i < hooks; i++) {
        entries.add(new HookEntry(Path.of(readString(in)), readStrings(in), readStrings(in), in.readInt()));
      }
      phases.put(phase, entries);
    }
    return new Hooks(new HookState(ociVersion, id, bundle, annotations), phases);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      writeString(out, s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<String> strings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      strings.add(readString(in));
    }
    return strings;
  }
}
