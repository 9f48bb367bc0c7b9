package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.Namespace;
import java.nio.file.Path;

/**
 * A namespace of the container: a new one ({@code path == null}) or an existing one to join.
 *
 * @param type the kind of namespace
 * @param path {@code /proc/PID/ns/net}, {@code /run/netns/NAME}, ... or {@code null}
 */
public record NamespaceEntry(Namespace type, Path path) {}
