package io.rustyrun.runtime.seccomp;

/**
 * What the kernel does with a filtered syscall, e.g.
 *
 * <pre>{@code
 * SeccompAction.errno(38).ret(); // 0x00050026: SECCOMP_RET_ERRNO | ENOSYS
 * SeccompAction.of(Kind.ALLOW);  // SCMP_ACT_ALLOW
 * }</pre>
 *
 * <p>{@link #ret()} is the 32-bit value a filter returns: the action in the high 16 bits, the
 * data (errno, or the tracer's message) in the low 16 (SECCOMP_RET_DATA, seccomp(2)).
 * {@code SCMP_ACT_NOTIFY} has no kind: it needs a listener process rustyrun does not provide.
 *
 * @param kind the action
 * @param data the errno of {@code ERRNO}, the message of {@code TRACE}, 0 for the others
 */
public record SeccompAction(Kind kind, int data) {

  /** The actions, with their SECCOMP_RET_* values from include/uapi/linux/seccomp.h. */
  public enum Kind {
    /** SCMP_ACT_KILL and SCMP_ACT_KILL_THREAD: SECCOMP_RET_KILL_THREAD. */
    KILL_THREAD(0x00000000),
    /** SCMP_ACT_KILL_PROCESS: SECCOMP_RET_KILL_PROCESS. */
    KILL_PROCESS(0x80000000),
    /** SCMP_ACT_TRAP: SECCOMP_RET_TRAP, the thread gets SIGSYS. */
    TRAP(0x00030000),
    /** SCMP_ACT_ERRNO: SECCOMP_RET_ERRNO, the syscall fails with errno {@code data}. */
    ERRNO(0x00050000),
    /** SCMP_ACT_TRACE: SECCOMP_RET_TRACE, a ptrace tracer decides; without one ENOSYS. */
    TRACE(0x7ff00000),
    /** SCMP_ACT_LOG: SECCOMP_RET_LOG, allowed and logged. */
    LOG(0x7ffc0000),
    /** SCMP_ACT_ALLOW: SECCOMP_RET_ALLOW. */
    ALLOW(0x7fff0000);

    private final int ret;

    Kind(int ret) {
      this.ret = ret;
    }

    boolean hasData() {
      return this == ERRNO || this == TRACE;
    }
  }

  /** The largest value that fits SECCOMP_RET_DATA. */
  public static final int MAX_DATA = 0xFFFF;

  public SeccompAction {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (data < 0 || data > MAX_DATA || (data != 0 && !kind.hasData())) {
      throw new IllegalArgumentException("seccomp action " + kind + " cannot carry data " + data);
    }
  }

  /** An action without data. */
  public static SeccompAction of(Kind kind) {
    return new SeccompAction(kind, 0);
  }

  public static SeccompAction errno(int errno) {
    return new SeccompAction(Kind.ERRNO, errno);
  }

  /** The filter's return value for this action. */
  public int ret() {
    return kind.ret | data;
  }

  @Override
  public String toString() {
    return kind.hasData() ? kind + "(" + data + ")" : kind.toString();
  }
}
