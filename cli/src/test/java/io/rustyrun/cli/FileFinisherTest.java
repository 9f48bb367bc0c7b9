package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FileFinisherTest {
  private final List<Integer> ran = new CopyOnWriteArrayList<>();

  @Test
  void runsEveryTaskInOrderOnItsOwnThreadBySync() {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    try (FileFinisher finisher = new FileFinisher()) {
      for (int i = 0; i < 100; i++) { // several batches and a partial one
        int n = i;
        finisher.submit(() -> {
          threads.add(Thread.currentThread());
          ran.add(n);
        });
      }
      finisher.sync();

      assertThat(ran).hasSize(100).isSorted();
      assertThat(threads).doesNotContain(Thread.currentThread());
    }
  }

  @Test
  void aFailureSurfacesAtSyncAndAtTheNextSubmitAndLaterTasksStillRun() {
    FileFinisher finisher = new FileFinisher();
    finisher.submit(() -> ran.add(1));
    finisher.submit(() -> {
      throw new IllegalStateException("fchmod failed");
    });
    finisher.submit(() -> ran.add(3)); // holds an fd: must still run (and close it)

    assertThatThrownBy(finisher::sync).hasMessage("fchmod failed");
    assertThat(ran).containsExactly(1, 3);
    assertThatThrownBy(() -> finisher.submit(() -> ran.add(4))).hasMessage("fchmod failed");
    finisher.close();
    assertThat(ran).containsExactly(1, 3);
  }

  @Test
  void closeRunsWhatIsStillQueued() {
    FileFinisher finisher = new FileFinisher();
    for (int i = 0; i < 5; i++) {
      int n = i;
      finisher.submit(() -> ran.add(n));
    }

    finisher.close();

    assertThat(ran).containsExactly(0, 1, 2, 3, 4);
  }
}
