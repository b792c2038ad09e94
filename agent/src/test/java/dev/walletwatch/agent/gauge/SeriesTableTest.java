package dev.walletwatch.agent.gauge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SeriesTableTest {

  private static SeriesTable table(int maxSeries) {
    return new SeriesTable(maxSeries, key -> new String[] {"k:" + key});
  }

  @Test
  void sameKeyReturnsSameSeries() {
    SeriesTable table = table(10);

    Series first = table.get("btc");

    assertThat(table.get(new String("btc"))).isSameAs(first);
    assertThat(first.tags()).containsExactly("k:btc");
  }

  @Test
  void keysBeyondMaxAreRejected() {
    SeriesTable table = table(3);

    for (String key : new String[] {"a", "b", "c"}) {
      assertThat(table.get(key)).isNotNull();
    }

    assertThat(table.get("d")).isNull();
    assertThat(table.get("a")).isNotNull();
    assertThat(table.snapshot()).hasSize(3);
  }

  @Test
  void concurrentInsertsKeepOneSeriesPerKey() throws Exception {
    SeriesTable table = table(50);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<Series>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Series> seen = new ArrayList<>();
                  for (int i = 0; i < 100; i++) {
                    seen.add(table.get("key" + i));
                  }
                  return seen;
                }));
      }
      start.countDown();
      List<List<Series>> all = new ArrayList<>();
      for (Future<List<Series>> result : results) {
        all.add(result.get());
      }
      assertThat(table.snapshot()).hasSizeLessThanOrEqualTo(50);
      // Racing inserts may reject a key near the limit, but never create two series for it.
      for (int i = 0; i < 100; i++) {
        Series stored = table.get("key" + i);
        for (List<Series> seen : all) {
          if (seen.get(i) != null) {
            assertThat(seen.get(i)).isSameAs(stored);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
