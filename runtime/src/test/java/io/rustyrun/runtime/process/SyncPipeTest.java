package io.rustyrun.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.runtime.sys.RecordingSyscalls;
import io.rustyrun.runtime.sys.SyscallCall.Close;
import io.rustyrun.runtime.sys.SyscallCall.Read;
import io.rustyrun.runtime.sys.SyscallCall.Write;
import org.junit.jupiter.api.Test;

class SyncPipeTest {

  private final RecordingSyscalls sys = new RecordingSyscalls();
  private final SyncPipe pipe = new SyncPipe(sys, 7);

  @Test
  void receivesEachLineAsAMessageThenEmptyAtEndOfFile() {
    sys.readReturns("pid 42\nready\n");

    assertThat(pipe.receive()).contains(new Message.InitStarted(42));
    assertThat(pipe.receive()).contains(new Message.Ready());
    assertThat(pipe.receive()).isEmpty();
    assertThat(pipe.receive()).isEmpty();
  }

  @Test
  void aMessageSplitAcrossReadsIsJoined() {
    sys.readReturns("fail").readReturns("ed 126 command \"x\" cannot be executed\nexi").readReturns("ted 9\n");

    assertThat(pipe.receive()).contains(new Message.Failed(126, "command \"x\" cannot be executed"));
    assertThat(pipe.receive()).contains(new Message.InitExited(9));
    assertThat(pipe.receive()).isEmpty();
  }

  @Test
  void aPartialLineAtEndOfFileIsDropped() {
    sys.readReturns("ready\npid 4");

    assertThat(pipe.receive()).contains(new Message.Ready());
    assertThat(pipe.receive()).isEmpty();
  }

  @Test
  void readsFromItsOwnFd() {
    sys.readReturns("ready\n");

    pipe.receive();

    assertThat(sys.calls(Read.class)).isNotEmpty().allMatch(r -> r.fd() == 7);
  }

  @Test
  void sendWritesOneLineOnTheFd() {
    pipe.send(new Message.InitStarted(1000));
    pipe.send(new Message.Failed(125, "a\nb"));

    assertThat(sys.calls(Write.class)).containsExactly(
        new Write(7, "pid 1000\n"), new Write(7, "failed 125 a b\n"));
  }

  @Test
  void closeClosesTheFd() {
    pipe.close();

    assertThat(sys.calls()).containsExactly(new Close(7));
  }
}
