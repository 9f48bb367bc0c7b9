package io.rustyrun.runtime.sys;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** One recorded call to {@link Syscalls}: a record per method, so tests compare whole sequences. */
public sealed interface SyscallCall {
  record Unshare(Set<Namespace> namespaces) implements SyscallCall {}
  record UnshareFs() implements SyscallCall {}
  record Setns(Path path, Namespace namespace) implements SyscallCall {}
  record Spawn(SpawnRequest request) implements SyscallCall {}
  record Waitpid(int pid) implements SyscallCall {}
  record PollExit(int pid) implements SyscallCall {}
  record AwaitReadable(int fd, int timeoutMillis) implements SyscallCall {}
  record Kill(int pid, int signal) implements SyscallCall {}
  record Getpid() implements SyscallCall {}
  record SetParentDeathSignal(int signal) implements SyscallCall {}
  record Setsid() implements SyscallCall {}
  record Execve(Path program, List<String> argv, List<String> env) implements SyscallCall {}
  record Pipe() implements SyscallCall {}
  record Read(int fd) implements SyscallCall {}
  record Write(int fd, String text) implements SyscallCall {}
  record Close(int fd) implements SyscallCall {}
  record CloseOnExecFrom(int from) implements SyscallCall {}
  record ResetSignals() implements SyscallCall {}
  record DoMount(Mount mount) implements SyscallCall {}
  record UmountDetached(Path target) implements SyscallCall {}
  record PivotRoot(Path newRoot, Path putOld) implements SyscallCall {}
  record Chdir(Path dir) implements SyscallCall {}
  record Chroot(Path dir) implements SyscallCall {}
  record Mknod(Path path, DeviceNode node) implements SyscallCall {}
  record OpenInRoot(int rootFd, String path) implements SyscallCall {}
  record OpenNoFollow(int dirFd, String name) implements SyscallCall {}
  record CreateFile(int dirFd, String name, int mode) implements SyscallCall {}
  record Mkdirat(int dirFd, String name, int mode) implements SyscallCall {}
  record Mknodat(int dirFd, String name, DeviceNode node) implements SyscallCall {}
  record Symlinkat(String target, int dirFd, String name) implements SyscallCall {}
  record Unlinkat(int dirFd, String name) implements SyscallCall {}
  record Fchownat(int dirFd, String name, int uid, int gid) implements SyscallCall {}
  record Fstat(int fd) implements SyscallCall {}
  record Readlinkat(int fd) implements SyscallCall {}
  record FdPath(int fd) implements SyscallCall {}
  record Sethostname(String hostname) implements SyscallCall {}
  record Setdomainname(String domainname) implements SyscallCall {}
  record Setgroups(List<Integer> gids) implements SyscallCall {}
  record Setgid(int gid) implements SyscallCall {}
  record Setuid(int uid) implements SyscallCall {}
  record Umask(int mask) implements SyscallCall {}
  record LoopbackUp() implements SyscallCall {}
  record Dup2(int from, int to) implements SyscallCall {}
  record SocketPair() implements SyscallCall {}
  record SendFd(int socket, int fd, String name) implements SyscallCall {}
  record ReceiveFd(int socket) implements SyscallCall {}
  record OpenPtyMaster(Path ptmx) implements SyscallCall {}
  record OpenPtySlave(int master) implements SyscallCall {}
  record SetControllingTerminal(int fd) implements SyscallCall {}
  record IsTerminal(int fd) implements SyscallCall {}
  record GetWindowSize(int fd) implements SyscallCall {}
  record SetWindowSize(int fd, WindowSize size) implements SyscallCall {}
  record MakeRaw(int fd) implements SyscallCall {}
  record RestoreTerminal(int fd) implements SyscallCall {}
  record DropBoundingCapability(Capability cap) implements SyscallCall {}
  record KeepCapabilities(boolean keep) implements SyscallCall {}
  record SetCapabilities(long effective, long permitted, long inheritable) implements SyscallCall {}
  record SetAmbientCapabilities(List<Capability> ambient) implements SyscallCall {}
  record SetNoNewPrivileges() implements SyscallCall {}
  record SetRlimit(Rlimit limit) implements SyscallCall {}
  record OpenPath(Path path) implements SyscallCall {}
  record OpenWriteOnly(Path path) implements SyscallCall {}
  record OpenReadOnly(Path path) implements SyscallCall {}
  record CheckExecutable(Path path) implements SyscallCall {}
  record ConnectUnix(Path path) implements SyscallCall {}
  record InstallSeccompFilter(int instructions, int flags) implements SyscallCall {}
  /** The program as lowercase hex, so that calls compare by value. */
  record AttachDeviceFilter(Path cgroup, String programHex, String license) implements SyscallCall {}
}
