package io.rustyrun.runtime.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A downcall handle made on first use. Making one costs several milliseconds, and each stage
 * uses only a few of the seam's calls: the child never mounts, init never spawns.
 *
 * <pre>{@code
 * Downcall sethostname = new Downcall(linker, symbol, descriptor, options);
 * int r = (int) sethostname.get().invokeExact(state, name, length);
 * }</pre>
 */
final class Downcall {
  private final Linker linker;
  private final MemorySegment symbol;
  private final FunctionDescriptor descriptor;
  private final Linker.Option[] options;
  private volatile MethodHandle handle;

  Downcall(Linker linker, MemorySegment symbol, FunctionDescriptor descriptor, Linker.Option... options) {
    this.linker = linker;
    this.symbol = symbol;
    this.descriptor = descriptor;
    this.options = options.clone();
  }

  /** The handle; made here on the first call, once, if threads race for it. */
  MethodHandle get() {
    MethodHandle h = handle;
    if (h == null) {
      synchronized (this) {
        h = handle;
        if (h == null) {
          h = linker.downcallHandle(symbol, descriptor, options);
          handle = h;
        }
      }
    }
    return h;
  }
}
