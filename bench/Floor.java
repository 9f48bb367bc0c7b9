import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor of a chain of JVM stages: what the JVMs alone cost, with none of rustyrun's work.
 * Used by bench/floor.sh (issue #7: "say what the floor is, measured stage by stage").
 *
 * <pre>
 * java Floor hello          # JVM start and exit
 * java Floor ffm            # + one FFM downcall (getpid)
 * java Floor chain N        # N JVMs, each posix_spawns the next through FFM and waits for it;
 *                           # the last execve()s /bin/true (N=3: host -> child -> init -> program)
 * </pre>
 */
public final class Floor {
  private static final Linker LINKER = Linker.nativeLinker();

  public static void main(String[] args) throws Throwable {
    switch (args[0]) {
      case "hello" -> { }
      case "ffm" -> {
        int pid = (int) downcall("getpid", FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
        if (pid <= 0) {
          throw new IllegalStateException("getpid: " + pid);
        }
      }
      case "chain" -> chain(Integer.parseInt(args[1]), args[2]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
  }

  /** Stage {@code left} of the chain; {@code java} is this JVM's command line up to the class name. */
  private static void chain(int left, String javaCommand) throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      if (left <= 1) {
        MethodHandle execve = downcall("execve",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        int r = (int) execve.invokeExact(arena.allocateFrom("/bin/true"), strings(arena, List.of("true")),
            strings(arena, List.of()));
        throw new IllegalStateException("execve failed: " + r);
      }
      List<String> argv = new ArrayList<>(List.of(javaCommand.split(" ")));
      argv.addAll(List.of("chain", Integer.toString(left - 1), javaCommand));
      MethodHandle spawn = downcall("posix_spawn", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
          ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
      int r = (int) spawn.invokeExact(pid, arena.allocateFrom(argv.getFirst()), MemorySegment.NULL,
          MemorySegment.NULL, strings(arena, argv), strings(arena, List.of()));
      if (r != 0) {
        throw new IllegalStateException("posix_spawn failed: " + r);
      }
      MethodHandle waitpid = downcall("waitpid",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
      int ended = (int) waitpid.invokeExact(pid.get(ValueLayout.JAVA_INT, 0), MemorySegment.NULL, 0);
      if (ended <= 0) {
        throw new IllegalStateException("waitpid failed");
      }
    }
  }

  private static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }
}
