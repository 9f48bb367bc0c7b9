package io.rustyrun.runtime.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/**
 * SHA-256 from the host's OpenSSL 3 ({@code libcrypto.so.3}) through FFM, for the unpacker's
 * digest checks.
 *
 * <pre>{@code
 * Optional<Libcrypto> crypto = Libcrypto.open();       // empty without libcrypto.so.3
 * Libcrypto.Sha256 sha = crypto.orElseThrow().sha256();
 * sha.update(buf, 0, n);
 * byte[] digest = sha.digest();
 * }</pre>
 *
 * <p>Why native: the host JVM runs C1 only, which has no SHA-256 intrinsic, so
 * {@code MessageDigest} manages about 80 MB/s; OpenSSL uses the CPU's SHA extensions (about
 * 1.4 GB/s on this project's build machine, {@code openssl speed -evp sha256}).
 *
 * <p>It uses {@code SHA256_Init/Update/Final}: deprecated in OpenSSL 3 in favour of
 * {@code EVP_Digest*}, but exported by every 3.x and the same code underneath, and their context
 * is a plain struct in memory Java owns (no {@code EVP_MD_CTX_free} to pair with a close). The
 * update is a critical downcall reading the Java array in place: it neither blocks nor calls
 * back, so it may hold off the GC for its few microseconds instead of copying every byte.
 */
public final class Libcrypto {
  /** {@code sizeof(SHA256_CTX)}: h[8], Nl, Nh, data[16], num, md_len as 32-bit words. */
  private static final long SHA256_CTX_BYTES = 112;
  private static final int SHA256_DIGEST_BYTES = 32;

  private final Downcall init;
  private final Downcall update;
  private final Downcall finish;

  private Libcrypto(SymbolLookup library) {
    Linker linker = Linker.nativeLinker();
    this.init = new Downcall(linker, symbol(library, "SHA256_Init"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    this.update = new Downcall(linker, symbol(library, "SHA256_Update"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG),
        Linker.Option.critical(true));
    this.finish = new Downcall(linker, symbol(library, "SHA256_Final"),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  /** The host's libcrypto, or empty when it has none (then hash with the JDK). */
  public static Optional<Libcrypto> open() {
    SymbolLookup library;
    try {
      library = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // dlopen failed: no OpenSSL 3 on this host
    }
    if (library.find("SHA256_Init").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Libcrypto(library));
  }

  /** A new SHA-256 computation. */
  public Sha256 sha256() {
    return new Sha256();
  }

  /** One SHA-256 computation; use it from one thread at a time. */
  public final class Sha256 {
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment context = arena.allocate(SHA256_CTX_BYTES, 8);

    private Sha256() {
      check("SHA256_Init", invoke(() -> (int) init.get().invokeExact(context)));
    }

    /** Adds {@code len} bytes of {@code buf} from {@code off}. */
    public void update(byte[] buf, int off, int len) {
      MemorySegment data = MemorySegment.ofArray(buf).asSlice(off, len);
      long length = len;
      check("SHA256_Update",
          invoke(() -> (int) update.get().invokeExact(context, data, length)));
    }

    /** The 32-byte digest; call once, at the end. */
    public byte[] digest() {
      MemorySegment digest = arena.allocate(SHA256_DIGEST_BYTES);
      check("SHA256_Final", invoke(() -> (int) finish.get().invokeExact(digest, context)));
      return digest.toArray(JAVA_BYTE);
    }
  }

  @FunctionalInterface
  private interface Call {
    int run() throws Throwable;
  }

  private static int invoke(Call call) {
    try {
      return call.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call into libcrypto failed to link", t);
    }
  }

  /** OpenSSL's convention: 1 is success. Its SHA-256 fails only on a null argument. */
  private static void check(String function, int result) {
    if (result != 1) {
      throw new IllegalStateException("libcrypto " + function + " returned " + result);
    }
  }

  private static MemorySegment symbol(SymbolLookup library, String name) {
    return library.find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libcrypto has no symbol \"" + name + "\""));
  }
}
