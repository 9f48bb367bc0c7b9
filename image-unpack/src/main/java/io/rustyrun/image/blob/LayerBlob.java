package io.rustyrun.image.blob;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One layer to apply: how to open its (possibly compressed) bytes and what they must hash to.
 *
 * <pre>{@code
 * new LayerBlob("layer \"sha256:…\"", () -> files.open(path), Optional.of(digest), size,
 *     Optional.of(diffId), Optional.empty());
 * }</pre>
 *
 * @param description the layer for messages, quoted
 * @param opener opens the raw blob
 * @param digest the descriptor digest of the raw blob, when the format has one
 * @param size the descriptor size of the raw blob, or -1
 * @param diffId the digest of the uncompressed tar (the config's {@code rootfs.diff_ids}), when
 *     the format has one
 * @param plainFile the file that is this layer's uncompressed tar byte for byte, when there is
 *     one and nothing to verify (a plain rootfs tarball): file data is then copied from it
 *     inside the kernel instead of streamed
 */
public record LayerBlob(
    String description,
    Supplier<InputStream> opener,
    Optional<Digest> digest,
    long size,
    Optional<Digest> diffId,
    Optional<Path> plainFile) {}
