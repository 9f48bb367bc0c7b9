package io.rustyrun.conformance;

import static io.rustyrun.conformance.LifecycleFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue #5 item 2, concurrency: podman and containerd run many containers at once against one
 * state root, so creates must not trample each other and an id must be taken exactly once.
 */
@ConformanceTest
class LifecycleConcurrencyIT {
  private static final int PARALLEL = 10;

  private LifecycleFixture fx;
  private RuntimeCli cli;

  @BeforeEach
  void setUp(TestInfo info) {
    fx = LifecycleFixture.forTest(info);
    cli = fx.cli();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void tenContainersCreatedAndStartedInParallelAllRun() {
    List<OciBundle> bundles =
        IntStream.range(0, PARALLEL).mapToObj(i -> fx.bundle("bundle-" + i, SERVICE)).toList();

    List<String> failures =
        inParallel(
            IntStream.range(0, PARALLEL)
                .<Supplier<String>>mapToObj(i -> () -> createAndStart(bundles.get(i), "c" + i))
                .toList());

    assertThat(failures).as("create + start failures").allMatch(String::isEmpty);
    for (int i = 0; i < PARALLEL; i++) {
      LifecycleFixture.awaitFile(bundles.get(i).hostFile("marker"));
      assertThat(cli.state("c" + i).status()).as("c" + i).isEqualTo("running");
    }
    assertThat(cli.run("list", "-q").stdoutLines())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, PARALLEL).mapToObj(i -> "c" + i).toList());
  }

  @Test
  void theSameIdCreatedTwiceAtOnceSucceedsExactlyOnce() {
    OciBundle bundle = fx.bundle("bundle", SERVICE);

    List<CommandOutput> creates = inParallel(List.of(
        () -> cli.create(bundle, "same"), () -> cli.create(bundle, "same")));

    List<CommandOutput> succeeded = creates.stream().filter(c -> c.exitCode() == 0).toList();
    assertThat(succeeded).as(describe(creates)).hasSize(1);
    CommandOutput loser = creates.stream().filter(c -> c.exitCode() != 0).findFirst().orElseThrow();
    assertThat(loser.stderr()).as(loser.describe()).contains("\"same\"");
    OciState state = cli.state("same");
    assertThat(state.status()).isEqualTo("created");
    assertThat(LifecycleFixture.read(RuntimeCli.pidFile(bundle, "same")))
        .as("pid file after the race").isEqualTo(Long.toString(state.pid()));
    assertThat(fx.lingeringRustyrunProcesses(Optional.of(state.pid())))
        .as("the loser's processes").isEmpty();
    fx.started("same", bundle);
    assertThat(cli.state("same").status()).isEqualTo("running");
  }

  /** "" on success, else what failed. */
  private String createAndStart(OciBundle bundle, String id) {
    CommandOutput create = cli.create(bundle, id);
    if (create.exitCode() != 0) {
      return create.describe();
    }
    CommandOutput start = cli.run("start", id);
    return start.exitCode() == 0 ? "" : start.describe();
  }

  /** Runs every task on its own thread, released together, and returns results in order. */
  private static <T> List<T> inParallel(List<Supplier<T>> tasks) {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Supplier<T> task : tasks) {
        futures.add(pool.submit(() -> {
          go.await();
          return task.get();
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new AssertionError("a parallel task failed", e.getCause());
    }
  }

  private static String describe(List<CommandOutput> outputs) {
    return String.join("\n====\n", outputs.stream().map(CommandOutput::describe).toList());
  }
}
