package dev.walletwatch.bench.startup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small trading loop standing in for a trading bot: it reads its BTC and USDT balances before
 * every order and fills the order against a random-walk price. It prints {@code first-trade} and
 * the CPU time used so far after its first fill, trades for the warm-up time, and then prints the
 * heap and metaspace in use after full collections, so that runs with and without the agent can be
 * compared.
 *
 * <p>Usage: {@code BalanceBot WARMUP_MILLIS}
 */
public final class BalanceBot {

  private static final BigDecimal LOT = new BigDecimal("0.01000000");

  private BalanceBot() {}

  public static void main(String[] args) throws InterruptedException {
    long warmupMillis = Long.parseLong(args[0]);
    BotWallet wallet = new BotWallet(new BigDecimal("10.00000000"), new BigDecimal("500000.00"));
    SplittableRandom random = new SplittableRandom(42);
    BigDecimal price = new BigDecimal("60000.00");

    trade(wallet, random, price);
    System.out.println("first-trade cpuMillis=" + processCpuMillis());
    System.out.flush();

    long end = System.nanoTime() + warmupMillis * 1_000_000;
    long trades = 1;
    while (System.nanoTime() < end) {
      price = price.add(BigDecimal.valueOf(random.nextInt(-50, 51))).max(BigDecimal.ONE);
      trade(wallet, random, price);
      trades++;
      if (trades % 1000 == 0) {
        // About 10,000 orders a second: busy, but leaves the agent's flusher a core.
        Thread.sleep(100);
      }
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    System.out.println(memoryLine(trades, wallet));
  }

  /**
   * Returns the user and system CPU time of this process so far, all threads (JIT and GC too), from
   * /proc/self/stat; -1 where that file does not exist. A loaded machine stretches wall time but
   * hardly CPU time, so this shows the agent's own startup work more steadily.
   *
   * <p>NOTE: assumes 100 clock ticks a second, the Linux default on x86-64 and arm64.
   */
  private static long processCpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 here.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void trade(BotWallet wallet, SplittableRandom random, BigDecimal price) {
    BigDecimal btc = wallet.balanceOf("BTC");
    BigDecimal usdt = wallet.balanceOf("USDT");
    boolean buy = random.nextBoolean();
    if (buy && usdt.compareTo(LOT.multiply(price)) >= 0) {
      wallet.fill(LOT, price.setScale(2, RoundingMode.HALF_EVEN));
    } else if (!buy && btc.compareTo(LOT) >= 0) {
      wallet.fill(LOT.negate(), price.setScale(2, RoundingMode.HALF_EVEN));
    }
  }

  private static String memoryLine(long trades, BotWallet wallet) {
    long metaspace = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        metaspace = pool.getUsage().getUsed();
      }
    }
    return "memory heapUsed="
        + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
        + " metaspaceUsed="
        + metaspace
        + " classes="
        + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()
        + " threads="
        + ManagementFactory.getThreadMXBean().getThreadCount()
        + " trades="
        + trades
        + " btc="
        + wallet.balanceOf("BTC");
  }
}
