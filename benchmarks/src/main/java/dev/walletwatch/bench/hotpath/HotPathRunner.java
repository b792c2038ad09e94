package dev.walletwatch.bench.hotpath;

import dev.walletwatch.bench.support.Args;
import dev.walletwatch.bench.support.JavaProcess;
import dev.walletwatch.bench.support.UdpSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HotPathBenchmark} in JVMs forked with the real agent jar, in three scenarios: one
 * thread with DogStatsD listening, four threads, and one thread with nothing listening on the
 * DogStatsD port. Prints JMH's output and then a table of the time and allocation each woven method
 * adds over its unwoven copy measured in the same fork.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.hotpath.HotPathRunner --agent walletwatch-agent.jar
 *     [--forks 1] [--warmups 3] [--iterations 5] [--time-ms 1000] [--scenarios 1t,4t,unreachable]
 *     [--include REGEX] [--out summary.md] [--jfr DIR]
 * </pre>
 */
public final class HotPathRunner {

  /** Targets in nanoseconds added per call. */
  static final double CONSTANT_TAGS_TARGET_NS = 25;

  static final double DYNAMIC_TAG_TARGET_NS = 60;

  static final List<String> KINDS = List.of("double", "decimal", "total", "tagged");

  /** The metric each kind reports; the sink must see every one of them. */
  static final Map<String, String> METRICS =
      Map.of(
          "double", "bench.double",
          "decimal", "bench.decimal",
          "total", "bench.total",
          "tagged", "bench.tagged");

  private final Path agentJar;
  private final int forks;
  private final int warmups;
  private final int iterations;
  private final TimeValue time;
  private final Path jfrDir;
  private final String flushInterval;
  private final String include;
  private Path jmhOutput;

  /**
   * Creates a runner.
   *
   * @param time warm-up and measurement iteration length
   * @param flushInterval the agent's {@code statsd.flushInterval}, such as {@code 1s}
   * @param include regular expression over benchmark method names
   */
  public HotPathRunner(
      Path agentJar,
      int forks,
      int warmups,
      int iterations,
      TimeValue time,
      Path jfrDir,
      String flushInterval,
      String include) {
    this.agentJar = agentJar;
    this.forks = forks;
    this.warmups = warmups;
    this.iterations = iterations;
    this.time = time;
    this.jfrDir = jfrDir;
    this.flushInterval = flushInterval;
    this.include = include;
  }

  /** Sends JMH's output, with the forked JVMs' stdout and stderr, to {@code file}. */
  public HotPathRunner writingOutputTo(Path file) {
    this.jmhOutput = file;
    return this;
  }

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments);
    Path jfr = args.get("jfr", null) == null ? null : Path.of(args.get("jfr", null));
    HotPathRunner runner =
        new HotPathRunner(
            args.existingFile("agent"),
            args.getInt("forks", 1),
            args.getInt("warmups", 3),
            args.getInt("iterations", 5),
            TimeValue.milliseconds(args.getInt("time-ms", 1000)),
            jfr,
            "1s",
            args.get("include", ".*"));
    List<Scenario> scenarios = runner.runAll(args.get("scenarios", "1t,4t,unreachable"));
    String summary = summary(scenarios);
    System.out.println(summary);
    String out = args.get("out", null);
    if (out != null) {
      Files.writeString(Path.of(out), summary);
    }
  }

  /** One measured scenario: its name and, per benchmark method, the JMH result. */
  public record Scenario(String name, int threads, Map<String, RunResult> results) {

    /** Returns the primary score in ns/op of a benchmark method such as {@code decimalWoven}. */
    public double score(String method) {
      return results.get(method).getPrimaryResult().getScore();
    }

    public double error(String method) {
      return results.get(method).getPrimaryResult().getScoreError();
    }

    /**
     * Returns the lowest per-iteration score in ns/op. Another process that takes the CPU during an
     * iteration stretches that iteration's wall time per call, so the best iteration is the closest
     * to the cost on an idle core.
     */
    public double best(String method) {
      double best = Double.MAX_VALUE;
      for (BenchmarkResult fork : results.get(method).getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          best = Math.min(best, iteration.getPrimaryResult().getScore());
        }
      }
      return best;
    }

    /** Returns gc.alloc.rate.norm in bytes per call, or NaN without the GC profiler. */
    public double allocatedBytes(String method) {
      for (Map.Entry<String, Result> entry : results.get(method).getSecondaryResults().entrySet()) {
        if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
          return entry.getValue().getScore();
        }
      }
      return Double.NaN;
    }
  }

  /**
   * Runs the named scenarios ({@code 1t}, {@code 4t}, {@code unreachable}, separated by commas) and
   * checks that the agent reported every woven metric while DogStatsD listened.
   */
  public List<Scenario> runAll(String names) throws IOException, RunnerException {
    List<String> selected = List.of(names.split(","));
    Path dir = Files.createTempDirectory("walletwatch-hotpath");
    List<Scenario> scenarios = new ArrayList<>();
    try (UdpSink sink = new UdpSink()) {
      Path listening = writeConfig(dir.resolve("listening.yml"), sink.port());
      if (selected.contains("1t")) {
        scenarios.add(run("1 thread, DogStatsD listening", 1, listening));
      }
      if (selected.contains("4t")) {
        scenarios.add(run("4 threads, DogStatsD listening", 4, listening));
      }
      if (!scenarios.isEmpty()) {
        requireReported(sink.metrics());
      }
    }
    if (selected.contains("unreachable")) {
      Path unreachable = writeConfig(dir.resolve("unreachable.yml"), UdpSink.unusedPort());
      scenarios.add(run("1 thread, nothing on the DogStatsD port", 1, unreachable));
    }
    return scenarios;
  }

  /** Runs the benchmark once with the agent started with {@code config}. */
  public Scenario run(String name, int threads, Path config) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(HotPathBenchmark.class.getName() + "\\." + include)
            .forks(forks)
            .warmupIterations(warmups)
            .warmupTime(time)
            .measurementIterations(iterations)
            .measurementTime(time)
            .threads(threads)
            .jvmArgsAppend("-javaagent:" + agentJar + "=config=" + config)
            .addProfiler(GCProfiler.class);
    if (jfrDir != null) {
      options.addProfiler(JavaFlightRecorderProfiler.class, "dir=" + jfrDir);
    }
    if (jmhOutput != null) {
      options.output(jmhOutput.toString());
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, RunResult> byMethod = new HashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      byMethod.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result);
    }
    return new Scenario(name, threads, byMethod);
  }

  /** Writes the agent configuration that weaves {@link WovenWallet} and nothing else. */
  Path writeConfig(Path file, int port) throws IOException {
    String yaml =
        """
        statsd:
          host: 127.0.0.1
          port: %d
          tags: ["bench:hotpath"]
          flushInterval: %s
        gracePeriod: 1h
        gauges:
          - name: bench.double
            class: %s
            method: balanceDouble
            tags: {currency: btc, exchange: simulated}
          - name: bench.decimal
            class: %<s
            method: balanceDecimal
            tags: {currency: btc, exchange: simulated}
          - name: bench.total
            class: %<s
            method: holding
            value: return.total
            tags: {currency: btc, exchange: simulated}
          - name: bench.tagged
            class: %<s
            method: balanceOf
            tags: {currency: "${arg0}", exchange: simulated}
        """
            .formatted(port, flushInterval, WovenWallet.class.getName());
    return Files.writeString(file, yaml);
  }

  /** Fails when a metric the configuration names never reached the sink: nothing was woven. */
  void requireReported(Set<String> seen) {
    for (String kind : KINDS) {
      String metric = METRICS.get(kind);
      if (include.equals(".*") || include.contains(kind)) {
        if (!seen.contains(metric)) {
          throw new IllegalStateException(
              "the agent never sent "
                  + metric
                  + " (received: "
                  + seen
                  + "), so WovenWallet was not woven; check the agent's stderr in the JMH"
                  + " output above");
        }
      }
    }
  }

  /** Formats the scenarios as a Markdown table of added time and allocation. */
  public static String summary(List<Scenario> scenarios) {
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(JavaProcess.machine()).append('\n');
    out.append(
        "\n| scenario | value | unwoven ns/op | woven ns/op | added ns | added ns, best iteration"
            + " | target ns | woven B/op | unwoven B/op |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario scenario : scenarios) {
      for (String kind : KINDS) {
        String plain = kind + "Plain";
        String woven = kind + "Woven";
        if (!scenario.results().containsKey(plain) || !scenario.results().containsKey(woven)) {
          continue;
        }
        double added = scenario.score(woven) - scenario.score(plain);
        double addedError = Math.hypot(scenario.error(woven), scenario.error(plain));
        double target = kind.equals("tagged") ? DYNAMIC_TAG_TARGET_NS : CONSTANT_TAGS_TARGET_NS;
        out.append(
            String.format(
                "| %s | %s | %.1f ± %.1f | %.1f ± %.1f | %.1f ± %.1f | %.1f | %.0f | %.2f | %.2f |%n",
                scenario.name(),
                kind,
                scenario.score(plain),
                scenario.error(plain),
                scenario.score(woven),
                scenario.error(woven),
                added,
                addedError,
                scenario.best(woven) - scenario.best(plain),
                target,
                scenario.allocatedBytes(woven),
                scenario.allocatedBytes(plain)));
      }
    }
    return out.toString();
  }
}
