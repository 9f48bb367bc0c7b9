package io.rustyrun.image.tar;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.image.core.ImageUnpackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** The header checksum: unsigned or signed byte sums (old tars used signed), nothing else. */
class HeaderBlockTest {

  @Test
  void aHeaderWithItsUnsignedSumIsAccepted() throws IOException {
    byte[] block = header("etc/hostname\u00e9");

    assertThatCode(() -> new HeaderBlock(block, "image.tar").verifyChecksum()).doesNotThrowAnyException();
  }

  @Test
  void aHeaderWithItsSignedSumIsAccepted() throws IOException {
    byte[] block = header("etc/hostname\u00e9");
    long signed = 0;
    for (int i = 0; i < block.length; i++) {
      signed += (i >= HeaderBlock.CHECKSUM && i < HeaderBlock.CHECKSUM + 8) ? ' ' : block[i];
    }
    byte[] field = String.format("%06o\0 ", signed).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, block, HeaderBlock.CHECKSUM, 8);

    assertThatCode(() -> new HeaderBlock(block, "image.tar").verifyChecksum()).doesNotThrowAnyException();
  }

  @Test
  void aChangedByteIsACorruptHeader() throws IOException {
    byte[] block = header("etc/hostname");
    block[HeaderBlock.MODE + 3]++;

    assertThatThrownBy(() -> new HeaderBlock(block, "image.tar").verifyChecksum())
        .isInstanceOf(ImageUnpackException.class)
        .hasMessage("image.tar: corrupt tar header (checksum mismatch)");
  }

  @Test
  void theChecksumFieldItselfCountsAsSpaces() throws IOException {
    byte[] block = header("etc/hostname");
    block[HeaderBlock.CHECKSUM + 7] = 0; // the field's terminator is a space or a NUL: both fine

    assertThatCode(() -> new HeaderBlock(block, "image.tar").verifyChecksum()).doesNotThrowAnyException();
  }

  private static byte[] header(String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "ISO-8859-1")) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(0);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    }
    return Arrays.copyOf(bytes.toByteArray(), 512);
  }
}
