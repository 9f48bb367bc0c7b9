package io.rustyrun.image.blob;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One layer to apply: how to open its (possibly compressed) bytes and what they must hash to.
 *
 * <pre>{@code
 * new LayerBlob("layer \"sha256:…\"", () -> files.open(path), Optional.of(digest), size,
 *     Optional.of(diffId));
 * }</pre>
 *
 * @param description the layer for messages, quoted
 * @param opener opens the raw blob
 * @param digest the descriptor digest of the raw blob, when the format has one
 * @param size the descriptor size of the raw blob, or -1
 * @param diffId the digest of the uncompressed tar (the config's {@code rootfs.diff_ids}), when
 *     the format has one
 */
public record LayerBlob(
    String description,
    Supplier<InputStream> opener,
    Optional<Digest> digest,
    long size,
    Optional<Digest> diffId) {}
