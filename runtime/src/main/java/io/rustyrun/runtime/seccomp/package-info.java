/**
 * Seccomp: {@code linux.seccomp} compiled in Java to a classic BPF program, e.g.
 *
 * <pre>{@code
 * SeccompProgram program = new SeccompCompiler(SyscallTable.load(Arch.host())).compile(config);
 * byte[] filter = program.bytes(); // struct sock_filter[], handed to seccomp(SECCOMP_SET_MODE_FILTER)
 * }</pre>
 *
 * <p>Runs in the init stage JVM, so it uses {@code java.base} only: the host turns the spec into
 * a {@link io.rustyrun.runtime.seccomp.SeccompConfig} ({@code io.rustyrun.runtime.SeccompResolver})
 * and hands it over in binary form. The semantics follow libseccomp as runc drives it:
 *
 * <ul>
 *   <li>only the native architecture's syscalls are filtered; a syscall made through another ABI
 *       (i386 {@code int 0x80}, x32, arm32) kills the process, as libseccomp's "bad arch" action;
 *   <li>rules for one syscall are tried in the order of the spec, the first whose conditions all
 *       hold decides; a syscall no rule matches gets the default action;
 *   <li>a rule whose action equals the default action is dropped (libseccomp refuses it with
 *       {@code EACCES}, runc skips it);
 *   <li>a name the architecture does not have is skipped, as runc does, and reported.
 * </ul>
 */
package io.rustyrun.runtime.seccomp;
