package io.rustyrun.image.tar;

/**
 * The tar entry types a rootfs layer may hold, after PAX and GNU meta entries are consumed.
 *
 * <pre>{@code
 * EntryType.of((byte) '5');   // DIRECTORY
 * }</pre>
 */
public enum EntryType {
  REGULAR,
  HARDLINK,
  SYMLINK,
  CHAR_DEVICE,
  BLOCK_DEVICE,
  DIRECTORY,
  FIFO;

  /** Whether an entry of this type carries file data after its header. */
  public boolean hasData() {
    return this == REGULAR || this == HARDLINK;
  }
}
