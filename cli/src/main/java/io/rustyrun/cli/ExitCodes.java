package io.rustyrun.cli;

/**
 * rustyrun's exit statuses, the "chroot convention" podman documents
 * ({@code libpod/define/exec_codes.go}).
 *
 * <pre>{@code
 * return ExitCodes.OK;
 * }</pre>
 *
 * <p>{@code run} otherwise exits with the container's own status, 128+N if signal N killed it.
 */
final class ExitCodes {
  /** Success. */
  static final int OK = 0;

  /** rustyrun itself failed: usage, spec, unpack, setup, state. */
  static final int FAILED = 125;

  /** The container's command exists but cannot be executed. */
  static final int NOT_EXECUTABLE = 126;

  /** The container's command was not found. */
  static final int NOT_FOUND = 127;

  private ExitCodes() {}
}
