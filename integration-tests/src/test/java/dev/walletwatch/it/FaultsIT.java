package dev.walletwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.it.harness.JvmProcess;
import dev.walletwatch.it.harness.Pipeline;
import dev.walletwatch.it.harness.Wait;
import dev.walletwatch.it.harness.WebhookProxy;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn.SentSms;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Faults on the alert path. Each one must end with every alert delivered exactly once (one alert
 * SMS, one recovery SMS) and the trading app unaffected: the same output and exit code as a run
 * without the agent.
 */
class FaultsIT {

  /** 8 BTC, sold to 4.9 after one step, back to 5.9 after the next. */
  private static final String[] SHORT_PLAN = {"--moves=-3.1,+1", "--step=3s", "--tail=5s"};

  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(45);

  @Test
  void statsdPortClosedThenOpened() throws Exception {
    try (AliyunStandIn sms = Pipeline.startAliyun();
        Pipeline pipeline = new Pipeline("statsd-closed")) {
      pipeline.startReceiver(pipeline.writeReceiver(sms.endpoint(), "2s"));
      String[] plan = {"--moves=-2,-1.1,+1", "--step=3s", "--tail=5s"};
      JvmProcess bot = pipeline.startBot("bot", plan);
      JvmProcess withoutAgent = pipeline.startBotWithoutAgent("bot-plain", plan);

      // Nothing listens on the DogStatsD port until the bot has traded once.
      bot.awaitOutput("^sell 2 BTC", Duration.ofSeconds(30));
      pipeline.startMonitor(pipeline.writeMonitors("2s", "5s"));

      Pipeline.assertSameRun(bot, withoutAgent);
      assertOneAlertThenOneRecovery(sms, pipeline, "4.9");
    }
  }

  @Test
  void webhookRetriedAfter503IsActedOnOnce() throws Exception {
    try (AliyunStandIn sms = Pipeline.startAliyun();
        Pipeline pipeline = new Pipeline("webhook-503")) {
      pipeline.startReceiver(pipeline.writeReceiver(sms.endpoint(), "2s"));
      // The receiver stores the first webhook, but the monitor gets 503 and sends it again.
      try (WebhookProxy proxy = new WebhookProxy(URI.create(pipeline.webhookUrl()), 1)) {
        pipeline.startMonitor(pipeline.writeMonitors("2s", "5s", proxy.url()));
        JvmProcess bot = pipeline.startBot("bot", SHORT_PLAN);
        JvmProcess withoutAgent = pipeline.startBotWithoutAgent("bot-plain", SHORT_PLAN);

        Pipeline.assertSameRun(bot, withoutAgent);
        assertOneAlertThenOneRecovery(sms, pipeline, "4.9");

        List<WebhookProxy.Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).as("webhooks through the proxy").hasSizeGreaterThanOrEqualTo(3);
        assertThat(exchanges.get(0).receiverStatus()).isEqualTo(200);
        assertThat(exchanges.get(0).returnedStatus()).isEqualTo(503);
        assertThat(eventId(exchanges.get(1).body()))
            .as("the retry carries the same event id")
            .isEqualTo(eventId(exchanges.get(0).body()));
        assertThat(exchanges.get(1).receiverStatus()).isEqualTo(200);
      }
    }
  }

  @Test
  void receiverKilledWithDeliveryPendingDeliversOnce() throws Exception {
    try (AliyunStandIn sms = Pipeline.startAliyun();
        Pipeline pipeline = new Pipeline("receiver-kill9")) {
      // A long read timeout keeps the first SendSms in flight until the receiver is killed, so
      // the restarted receiver finds a delivery whose outcome it does not know.
      Path receiverConfig = pipeline.writeReceiver(sms.endpoint(), "60s");
      JvmProcess receiver = pipeline.startReceiver(receiverConfig);
      pipeline.startMonitor(pipeline.writeMonitors("2s", "5s"));
      sms.hangNext(1);
      String[] plan = {"--moves=-3.1,+1", "--step=3s", "--tail=8s"};
      JvmProcess bot = pipeline.startBot("bot", plan);
      JvmProcess withoutAgent = pipeline.startBotWithoutAgent("bot-plain", plan);

      Wait.until(
          "a SendSms call left hanging",
          DELIVERY_TIMEOUT,
          () -> sms.exchanges().stream().anyMatch(e -> e.responseCode().equals("hang")),
          pipeline::describe);
      receiver.kill9();
      pipeline.startReceiver(receiverConfig);

      Pipeline.assertSameRun(bot, withoutAgent);
      assertOneAlertThenOneRecovery(sms, pipeline, "4.9");
      assertThat(sms.exchanges())
          .as("the restarted receiver looked the interrupted SMS up before sending it again")
          .anyMatch(exchange -> exchange.action().equals("QuerySendDetails"));
    }
  }

  @Test
  void aliyunThrottlingThenAccepts() throws Exception {
    AliyunStandIn sms =
        runAgainstFlakyAliyun(
            "aliyun-throttling", (aliyun, monitor) -> aliyun.failNext(3, "Throttling.User"));
    assertThat(responseCodes(sms))
        .as("the fault happened")
        .containsSubsequence("Throttling.User", "Throttling.User", "Throttling.User", "OK");
  }

  @Test
  void aliyunServerErrorThenAccepts() throws Exception {
    AliyunStandIn sms =
        runAgainstFlakyAliyun("aliyun-500", (aliyun, monitor) -> aliyun.serverErrorNext(3));
    assertThat(responseCodes(sms))
        .as("the fault happened")
        .containsSubsequence("isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "OK");
  }

  @Test
  void aliyunHangingThenAccepts() throws Exception {
    AliyunStandIn sms =
        runAgainstFlakyAliyun("aliyun-hang", (aliyun, monitor) -> aliyun.hangNext(1));
    assertThat(responseCodes(sms)).as("the fault happened").containsSubsequence("hang", "OK");
  }

  @Test
  void aliyunDownThenUp() throws Exception {
    Instant[] upAt = new Instant[1];
    // "Down for a minute", scaled down: connections are refused from before the alert until
    // after the recovery, so both deliveries wait in the outbox and go out when Aliyun is back.
    AliyunStandIn sms =
        runAgainstFlakyAliyun(
            "aliyun-down",
            (aliyun, monitor) -> {
              aliyun.down();
              monitor.awaitOutput("Recovered", Duration.ofSeconds(30));
              Thread.sleep(2_000);
              upAt[0] = Instant.now();
              aliyun.up();
            },
            false);
    for (SentSms sent : sms.accepted()) {
      assertThat(sent.receivedAt())
          .as("%s was sent, and could only be sent, after Aliyun came back", sent.templateCode())
          .isAfterOrEqualTo(upAt[0]);
    }
  }

  private interface Fault {
    void apply(AliyunStandIn sms, JvmProcess monitor) throws Exception;
  }

  /**
   * Runs the short plan with {@code fault} applied as the bot starts, checks the usual outcome, and
   * returns the closed stand-in so the caller can check that the fault really happened.
   */
  private AliyunStandIn runAgainstFlakyAliyun(String name, Fault fault) throws Exception {
    return runAgainstFlakyAliyun(name, fault, true);
  }

  private AliyunStandIn runAgainstFlakyAliyun(String name, Fault fault, boolean ordered)
      throws Exception {
    try (AliyunStandIn sms = Pipeline.startAliyun();
        Pipeline pipeline = new Pipeline(name)) {
      pipeline.startReceiver(pipeline.writeReceiver(sms.endpoint(), "1s"));
      JvmProcess monitor = pipeline.startMonitor(pipeline.writeMonitors("2s", "5s"));
      JvmProcess bot = pipeline.startBot("bot", SHORT_PLAN);
      JvmProcess withoutAgent = pipeline.startBotWithoutAgent("bot-plain", SHORT_PLAN);
      fault.apply(sms, monitor);

      Pipeline.assertSameRun(bot, withoutAgent);
      if (ordered) {
        assertOneAlertThenOneRecovery(sms, pipeline, "4.9");
      } else {
        assertAlertThenRecovery(sms, pipeline, "4.9");
      }
      return sms;
    }
  }

  private static List<String> responseCodes(AliyunStandIn sms) {
    return sms.exchanges().stream()
        .filter(exchange -> exchange.action().equals("SendSms"))
        .map(AliyunStandIn.Exchange::responseCode)
        .toList();
  }

  private static void assertOneAlertThenOneRecovery(
      AliyunStandIn sms, Pipeline pipeline, String value) throws InterruptedException {
    Wait.until(
        "alert and recovery SMS",
        DELIVERY_TIMEOUT,
        () -> sms.accepted().size() >= 2,
        pipeline::describe);
    // Anything still in flight, such as a duplicate, has had time to arrive.
    Thread.sleep(3_000);
    List<SentSms> sent = sms.accepted();
    assertThat(sent).as("accepted SendSms calls\n" + pipeline.describe()).hasSize(2);
    assertThat(sent.get(0).templateCode()).isEqualTo(Pipeline.ALERT_TEMPLATE);
    assertThat(sent.get(0).params()).containsEntry("value", value);
    assertThat(sent.get(1).templateCode()).isEqualTo(Pipeline.RECOVERY_TEMPLATE);
  }

  /**
   * Checks for one alert SMS followed by one recovery SMS. The order matters: when both wait out an
   * Aliyun outage, the receiver must still send the alert first.
   */
  private static void assertAlertThenRecovery(AliyunStandIn sms, Pipeline pipeline, String value)
      throws InterruptedException {
    Wait.until(
        "alert and recovery SMS",
        DELIVERY_TIMEOUT,
        () -> sms.accepted().size() >= 2,
        pipeline::describe);
    // Anything still in flight, such as a duplicate, has had time to arrive.
    Thread.sleep(3_000);
    List<SentSms> sent = sms.accepted();
    assertThat(sent).as("accepted SendSms calls\n" + pipeline.describe()).hasSize(2);
    assertThat(sent)
        .extracting(SentSms::templateCode)
        .containsExactly(Pipeline.ALERT_TEMPLATE, Pipeline.RECOVERY_TEMPLATE);
    assertThat(sent)
        .filteredOn(one -> one.templateCode().equals(Pipeline.ALERT_TEMPLATE))
        .singleElement()
        .satisfies(alert -> assertThat(alert.params()).containsEntry("value", value));
  }

  private static final Pattern EVENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");

  private static String eventId(String body) {
    Matcher matcher = EVENT_ID.matcher(body);
    assertThat(matcher.find()).as("an \"id\" field in %s", body).isTrue();
    return matcher.group(1);
  }
}
