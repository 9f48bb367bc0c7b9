package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrnoTest {

  @Test
  void ofFindsTheErrnoByNumber() {
    assertThat(Errno.of(1)).isEqualTo(Errno.EPERM);
    assertThat(Errno.of(2)).isEqualTo(Errno.ENOENT);
    assertThat(Errno.of(13)).isEqualTo(Errno.EACCES);
    assertThat(Errno.of(22)).isEqualTo(Errno.EINVAL);
    assertThat(Errno.of(40)).isEqualTo(Errno.ELOOP);
    assertThat(Errno.of(95)).isEqualTo(Errno.ENOTSUP);
  }

  @Test
  void anUnknownNumberIsRejected() {
    assertThat(Errno.known(41)).isFalse();
    assertThatThrownBy(() -> Errno.of(41)).isInstanceOf(IllegalArgumentException.class).hasMessage("unknown errno 41");
  }

  @Test
  void describeIsNameAndLowerCaseText() {
    assertThat(Errno.ENOENT.describe()).isEqualTo("ENOENT (no such file or directory)");
    assertThat(Errno.EPERM.describe()).isEqualTo("EPERM (operation not permitted)");
  }

  @Test
  void numbersAreUnique() {
    assertThat(Arrays.stream(Errno.values()).map(Errno::number)).doesNotHaveDuplicates();
  }

  @Test
  void aSyscallExceptionNamesCallArgumentsAndErrno() {
    SyscallException e = new SyscallException("chdir", "\"/x\"", Errno.ENOENT);

    assertThat(e).hasMessage("chdir(\"/x\"): ENOENT (no such file or directory)");
    assertThat(e.call()).isEqualTo("chdir");
    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
  }
}
