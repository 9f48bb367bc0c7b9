package io.rustyrun.runtime.sys;

/**
 * A device node for mknod(2).
 *
 * <pre>{@code
 * new DeviceNode(DeviceNode.Type.CHAR, 1, 3, 0666)   // /dev/null
 * }</pre>
 */
public record DeviceNode(Type type, int major, int minor, int mode) {
  /** Device types with their {@code S_IF*} bits. */
  public enum Type {
    CHAR(0020000),
    BLOCK(0060000),
    FIFO(0010000);

    private final int bits;

    Type(int bits) {
      this.bits = bits;
    }

    int bits() {
      return bits;
    }
  }

  /** The dev_t as glibc's makedev encodes it. */
  long dev() {
    long ma = major & 0xffffffffL;
    long mi = minor & 0xffffffffL;
    return ((ma & 0xfffL) << 8) | ((ma & ~0xfffL) << 32) | (mi & 0xffL) | ((mi & ~0xffL) << 12);
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT) + " " + major + ":" + minor + " mode "
        + Integer.toOctalString(mode);
  }
}
