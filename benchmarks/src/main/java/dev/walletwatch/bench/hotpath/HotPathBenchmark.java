package dev.walletwatch.bench.hotpath;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Calls each balance method on the woven wallet and on its unwoven copy, in the same JVM. The JVM
 * must be forked with {@code -javaagent:walletwatch-agent.jar=config=...} and a configuration that
 * names {@link WovenWallet} only; {@link HotPathRunner} writes that file and passes the option.
 *
 * <p>The wallets are shared by all benchmark threads ({@link Scope#Benchmark}), so a run with
 * several threads has them write the same gauge series at once, as trading threads reading one
 * balance would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {

  private WovenWallet woven;
  private PlainWallet plain;
  private String currency;

  @Setup
  public void createWallets() {
    // 4.99999990 has scale 8 and fits in a long, as exchange balances usually do, so
    // BigDecimal.doubleValue() takes its fast path.
    BigDecimal balance = new BigDecimal("4.99999990");
    woven = new WovenWallet(4.9999999, balance, new Holding("BTC", balance));
    plain = new PlainWallet(4.9999999, balance, new Holding("BTC", balance));
    currency = "BTC";
  }

  @Benchmark
  public double doubleWoven() {
    return woven.balanceDouble();
  }

  @Benchmark
  public double doublePlain() {
    return plain.balanceDouble();
  }

  @Benchmark
  public BigDecimal decimalWoven() {
    return woven.balanceDecimal();
  }

  @Benchmark
  public BigDecimal decimalPlain() {
    return plain.balanceDecimal();
  }

  @Benchmark
  public Holding totalWoven() {
    return woven.holding();
  }

  @Benchmark
  public Holding totalPlain() {
    return plain.holding();
  }

  @Benchmark
  public BigDecimal taggedWoven() {
    return woven.balanceOf(currency);
  }

  @Benchmark
  public BigDecimal taggedPlain() {
    return plain.balanceOf(currency);
  }
}
