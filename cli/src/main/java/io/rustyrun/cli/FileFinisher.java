package io.rustyrun.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the last steps of the regular files an unpack creates (copying their data from the
 * image file, owner, mode, xattrs, times, close) on a thread of its own, in order, while the
 * unpacking thread goes on with the next entries: half of a plain tarball's kernel time is in
 * those steps, and the two run on two CPUs.
 *
 * <pre>{@code
 * finisher.submit(() -> { copy(fd); applyMetadata(fd); close(fd); });   // each task closes its fd
 * finisher.sync();   // all done; throws the first failure
 * }</pre>
 *
 * <p>Tasks are handed over in batches of {@value #BATCH}: one wake-up of the thread per file
 * cost the unpacking thread a futex call each. At most {@value #DEPTH} batches wait (each task
 * holds an open file); {@link #submit} blocks beyond that, and throws as soon as an earlier
 * task has failed. Every task runs even after a failure, so no fd stays open.
 */
final class FileFinisher implements AutoCloseable {
  private static final int BATCH = 16;
  private static final int DEPTH = 8;

  private final BlockingQueue<List<Runnable>> batches = new ArrayBlockingQueue<>(DEPTH);
  private List<Runnable> batch = new ArrayList<>(BATCH);
  private final Object lock = new Object();
  private Thread thread; // started with the first task
  private int pending; // guarded by lock
  private RuntimeException failure; // guarded by lock

  /** Queues {@code task}; throws the failure of an earlier one instead, if there is one. */
  void submit(Runnable task) {
    synchronized (lock) {
      throwFailure();
      pending++;
    }
    batch.add(task);
    if (batch.size() == BATCH) {
      handOver();
    }
  }

  private void handOver() {
    if (batch.isEmpty()) {
      return;
    }
    if (thread == null) {
      thread = Thread.ofPlatform().daemon().name("rustyrun unpack: file finisher").start(this::work);
    }
    List<Runnable> full = batch;
    batch = new ArrayList<>(BATCH);
    boolean interrupted = false;
    while (true) {
      try {
        batches.put(full);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the batch holds open files: it must still be run
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for every queued task, then throws the first failure among them, if any. */
  void sync() {
    drain();
    synchronized (lock) {
      throwFailure();
    }
  }

  /** Waits for every queued task; failures are left to {@link #sync}. */
  void drain() {
    handOver();
    synchronized (lock) {
      boolean interrupted = false;
      while (pending > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true; // queued tasks hold fds and may still copy: wait for them
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for every queued task and stops the thread; failures are left to {@link #sync}. */
  @Override
  public void close() {
    drain();
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  private void work() {
    while (true) {
      List<Runnable> tasks;
      try {
        tasks = batches.take();
      } catch (InterruptedException e) {
        return; // close(): nothing is pending
      }
      for (Runnable task : tasks) {
        run(task);
      }
    }
  }

  private void run(Runnable task) {
    RuntimeException failed = null;
    try {
      task.run();
    } catch (RuntimeException e) {
      failed = e;
    } catch (Error e) {
      failed = new IllegalStateException("finishing a file failed: " + e, e);
    }
    synchronized (lock) {
      if (failure == null) {
        failure = failed;
      }
      pending--;
      lock.notifyAll();
    }
  }

  private void throwFailure() {
    if (failure != null) {
      throw failure;
    }
  }
}
