package io.rustyrun.runtime.process;

import io.rustyrun.runtime.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One end of the sync channel between the stages and the host, speaking {@link Message} lines.
 * Reads and writes go through {@link Syscalls} on a raw fd: the stages inherit it as fd 3 (after
 * the fds passed on to the program, {@link io.rustyrun.runtime.config.ProcessConfig#syncFd}) and
 * have no Java stream for it.
 *
 * <pre>{@code
 * SyncPipe toHost = new SyncPipe(syscalls, 3);
 * toHost.send(new Message.InitStarted(pid));
 * }</pre>
 */
public final class SyncPipe {
  private final Syscalls syscalls;
  private final int fd;
  private final byte[] one = new byte[1];

  public SyncPipe(Syscalls syscalls, int fd) {
    this.syscalls = syscalls;
    this.fd = fd;
  }

  /** Writes one message; a line is far below PIPE_BUF, so concurrent writers never interleave. */
  public void send(Message message) {
    syscalls.write(fd, (message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The next message, or empty at end of file (every writer closed its end). */
  public Optional<Message> receive() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (syscalls.read(fd, one) == 1) {
      if (one[0] == '\n') {
        return Optional.of(Message.decode(line.toString(StandardCharsets.UTF_8)));
      }
      line.write(one[0]);
    }
    return Optional.empty();
  }

  public void close() {
    syscalls.close(fd);
  }
}
