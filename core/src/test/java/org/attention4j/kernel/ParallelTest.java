package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void forRange_anyThreadCountAndGrain_coversEveryIndexOnce() {
    int saved = Parallel.threads();
    try {
      for (int threads : new int[] {1, 2, 3}) {
        Parallel.setThreads(threads);
        for (int n : new int[] {0, 1, 7, 100, 4099}) {
          for (int grain : new int[] {1, 16, 1000}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
            Parallel.forRange(n, grain, (from, to) -> {
              for (int i = from; i < to; i++) hits.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) {
              assertEquals(1, hits.get(i), "threads " + threads + " n " + n + " grain " + grain + " index " + i);
            }
          }
        }
      }
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void forEach_runsEveryTask() {
    AtomicIntegerArray hits = new AtomicIntegerArray(50);
    Parallel.forEach(50, hits::incrementAndGet);
    for (int i = 0; i < 50; i++) assertEquals(1, hits.get(i));
  }

  @Test
  void forRange_nestedInsideWorker_runsInline() {
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(2);
      AtomicIntegerArray hits = new AtomicIntegerArray(64 * 64);
      Parallel.forRange(64, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          int row = i;
          Parallel.forRange(64, 1, (f, t) -> {
            for (int j = f; j < t; j++) hits.incrementAndGet(row * 64 + j);
          });
        }
      });
      for (int i = 0; i < 64 * 64; i++) assertEquals(1, hits.get(i));
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void forRange_exceptionInAChunk_reachesTheCaller_andThePoolKeepsWorking() {
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(2);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 1, (from, to) -> {
        if (from <= 50 && 50 < to) throw new IllegalStateException("chunk with 50");
      }));
      assertEquals("chunk with 50", e.getMessage());
      AtomicIntegerArray hits = new AtomicIntegerArray(1000);
      Parallel.forRange(1000, 1, (from, to) -> {
        for (int i = from; i < to; i++) hits.incrementAndGet(i);
      });
      for (int i = 0; i < 1000; i++) assertEquals(1, hits.get(i));
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void forRange_fromSeveralThreadsAtOnce_eachRangeCoveredOnce() throws Exception {
    int saved = Parallel.threads();
    try {
      Parallel.setThreads(3);
      AtomicIntegerArray hits = new AtomicIntegerArray(4 * 5000);
      Thread[] callers = new Thread[4];
      for (int c = 0; c < callers.length; c++) {
        int base = c * 5000;
        callers[c] = new Thread(() -> {
          for (int round = 0; round < 50; round++) {
            int start = base + round * 100;
            Parallel.forRange(100, 1, (from, to) -> {
              for (int i = from; i < to; i++) hits.incrementAndGet(start + i);
            });
          }
        });
        callers[c].start();
      }
      for (Thread t : callers) t.join();
      for (int i = 0; i < hits.length(); i++) assertEquals(1, hits.get(i), "index " + i);
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void setThreads_zero_throwsWithCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    assertEquals("threads must be >= 1, got 0", e.getMessage());
  }
}
