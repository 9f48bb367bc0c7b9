package io.rustyrun.image.fs;

/**
 * What {@code fstatat(AT_SYMLINK_NOFOLLOW)} says about a name: enough to decide how an entry
 * replaces it.
 *
 * <pre>{@code
 * writer.lstat(dir, name).filter(s -> s.type() == FileType.DIRECTORY)
 * }</pre>
 *
 * @param type the file type (a symlink is never followed)
 * @param mode permission bits including setuid/setgid/sticky
 */
public record FileStat(FileType type, int mode) {}
