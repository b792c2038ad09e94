package dev.walletwatch.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole alert path on loopback, each part in its own JVM: a trading app with the agent sends
 * DogStatsD gauges to {@code monitor local}, which posts Datadog-shaped webhooks to the receiver,
 * which sends SMS through its Aliyun provider to an Aliyun stand-in in the test JVM.
 *
 * <p>Ports are chosen up front so that any part can be stopped and started again on the same
 * address. Configs, the SQLite store and every output file live in one work folder.
 */
public final class Pipeline implements AutoCloseable {

  /** Bearer token the monitor sends and the receiver expects. */
  public static final String WEBHOOK_TOKEN = "it-webhook-token-5f1c";

  /** The alert's phone number, as configured; logs may show it only masked. */
  public static final String PHONE = "+8613800000000";

  /** The AccessKey pair the receiver signs with and the Aliyun stand-in checks. */
  public static final String ACCESS_KEY_ID = "LTAI-it-test-id";

  private static final String ACCESS_KEY_SECRET = "it-test-secret-9d2e";

  public static final String ALERT_TEMPLATE = "SMS_000000";
  public static final String RECOVERY_TEMPLATE = "SMS_000001";

  private final Path work;
  private final int statsdPort = Loopback.freeUdpPort();
  private final int receiverPort = Loopback.freeTcpPort();
  private final List<JvmProcess> processes = new ArrayList<>();
  private int receiverStarts;
  private int monitorStarts;

  /** Starts an Aliyun stand-in on loopback that accepts this pipeline's AccessKey pair. */
  public static AliyunStandIn startAliyun() throws IOException {
    return AliyunStandIn.start(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
  }

  /** Prepares a work folder named after the test; starts nothing yet. */
  public Pipeline(String testName) throws IOException {
    this.work = Artifacts.workDir(testName);
  }

  public Path work() {
    return work;
  }

  public int statsdPort() {
    return statsdPort;
  }

  public int receiverPort() {
    return receiverPort;
  }

  /** Returns the receiver's webhook URL on loopback. */
  public String webhookUrl() {
    return "http://127.0.0.1:" + receiverPort + "/webhooks/datadog";
  }

  /**
   * Writes {@code monitors.yml} for one BTC monitor, {@code min(last_WINDOW):min:...{currency:btc}
   * < 5}, evaluated every 250 ms.
   */
  public Path writeMonitors(String window, String webhookTimeout) throws IOException {
    return writeMonitors(window, webhookTimeout, webhookUrl());
  }

  /** Writes {@code monitors.yml} as above, posting webhooks to {@code url}. */
  public Path writeMonitors(String window, String webhookTimeout, String url) throws IOException {
    String yaml =
        """
        datadog:
          site: datadoghq.com
          apiKey: unused-by-local-mode
          appKey: unused-by-local-mode
        webhook:
          name: walletwatch
          url: %s
          token: %s
          timeout: %s
        local:
          evaluateEvery: 250ms
        monitors:
          - name: BTC wallet balance below 5
            query: "min(last_%s):min:quant.wallet.balance{currency:btc} < 5"
            message: "BTC balance {{value}} is below {{threshold}}."
            notifyNoData: false
            tags: ["service:quant"]
        """
            .formatted(url, WEBHOOK_TOKEN, webhookTimeout, window);
    return write("monitors.yml", yaml);
  }

  /**
   * Writes {@code receiver.yml}: loopback only, a store in the work folder, the Aliyun provider
   * pointed at {@code aliyunEndpoint}, and the BTC rule with a recovery template.
   */
  public Path writeReceiver(String aliyunEndpoint, String readTimeout) throws IOException {
    String yaml =
        """
        server:
          host: 127.0.0.1
          port: %d
          token: ${WALLETWATCH_WEBHOOK_TOKEN}
          allow: ["127.0.0.1/32"]
        store: %s
        sms:
          provider: aliyun
          aliyun:
            accessKeyId: %s
            accessKeySecret: ${ALIBABA_CLOUD_ACCESS_KEY_SECRET}
            endpoint: %s
            signName: 云通信产品
            signature: v3
            connectTimeout: 1s
            readTimeout: %s
        delivery:
          initialBackoff: 200ms
          maxBackoff: 1s
          maxAttempts: 100
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            scope: {currency: btc}
            below: 5
            transitions: [Triggered, Re-Triggered, Renotify]
            phones: ["%s"]
            template: %s
            params: {name: "值班", metric: "btc", range: "5", value: "{value}"}
            recovery: {template: %s, params: {metric: "btc"}}
            repeatInterval: 1s
        """
            .formatted(
                receiverPort,
                work.resolve("walletwatch.db"),
                ACCESS_KEY_ID,
                aliyunEndpoint,
                readTimeout,
                PHONE,
                ALERT_TEMPLATE,
                RECOVERY_TEMPLATE);
    return write("receiver.yml", yaml);
  }

  /** Starts the receiver and waits until it accepts connections. */
  public JvmProcess startReceiver(Path config) throws IOException {
    receiverStarts++;
    JvmProcess receiver =
        track(
            JvmProcess.named("receiver-" + receiverStarts)
                .jar(Artifacts.receiverJar())
                .args("serve", "--config", config.toString())
                .env("WALLETWATCH_WEBHOOK_TOKEN", WEBHOOK_TOKEN)
                .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET)
                .workDir(work)
                .start());
    Http.awaitListening(receiverPort, Duration.ofSeconds(30), receiver);
    return receiver;
  }

  /** Starts {@code monitor local} on the pipeline's DogStatsD port. */
  public JvmProcess startMonitor(Path config) throws IOException {
    monitorStarts++;
    return track(
        JvmProcess.named("monitor-" + monitorStarts)
            .jar(Artifacts.monitorJar())
            .args("local", config.toString(), "--statsd-port", Integer.toString(statsdPort))
            .workDir(work)
            .start());
  }

  /** Starts the XChange bot with the agent and the top-level {@code instrumentation.yml}. */
  public JvmProcess startBot(String name, String... args) throws IOException {
    return track(
        JvmProcess.named(name)
            .jar(Artifacts.demoAppsJar())
            .agent(Artifacts.agentJar(), Artifacts.instrumentationYml())
            .env("DD_AGENT_HOST", "127.0.0.1")
            .env("DD_DOGSTATSD_PORT", Integer.toString(statsdPort))
            .args(args)
            .workDir(work)
            .start());
  }

  /**
   * Starts the XChange bot without the agent, alongside the one with it, so that their output and
   * exit code can be compared.
   */
  public JvmProcess startBotWithoutAgent(String name, String... args) throws IOException {
    return track(
        JvmProcess.named(name).jar(Artifacts.demoAppsJar()).args(args).workDir(work).start());
  }

  /**
   * Waits for both bots to finish and asserts that the agent changed nothing the app shows: both
   * exit with 0 and print the same standard output.
   */
  public static void assertSameRun(JvmProcess withAgent, JvmProcess withoutAgent)
      throws InterruptedException {
    int plainExit = withoutAgent.awaitExit(Duration.ofSeconds(120));
    int agentExit = withAgent.awaitExit(Duration.ofSeconds(120));
    assertThat(plainExit).as(withoutAgent.describe()).isZero();
    assertThat(agentExit).as(withAgent.describe()).isZero();
    assertThat(withAgent.stdout())
        .as("output with the agent equals output without")
        .isEqualTo(withoutAgent.stdout());
  }

  private JvmProcess track(JvmProcess process) {
    processes.add(process);
    return process;
  }

  private Path write(String name, String text) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Describes every process started so far with its output, for failure messages. */
  public String describe() {
    StringBuilder text = new StringBuilder("work folder: " + work + "\n");
    for (JvmProcess process : processes) {
      text.append(process.describe()).append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (JvmProcess process : processes) {
      process.close();
    }
  }
}
