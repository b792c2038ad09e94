package dev.walletwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.it.harness.JvmProcess;
import dev.walletwatch.it.harness.Pipeline;
import dev.walletwatch.it.harness.Wait;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn.SentSms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert path as a user runs it: the XChange bot with the agent, {@code monitor local}, the
 * receiver with its Aliyun provider, and an Aliyun stand-in that checks every request's signature.
 * Each part is its own JVM on loopback.
 */
class AlertPathIT {

  // ETH stays at 3, below the BTC floor of 5: an SMS for it would mean that the currency tag or
  // the monitor's scope is wrong.
  private static final String[] HAPPY_PATH = {"--eth=3", "--step=4s", "--tail=6s"};

  @Test
  void btcBelowFiveAlertsAndRecoversOnce() throws Exception {
    try (AliyunStandIn sms = Pipeline.startAliyun();
        Pipeline pipeline = new Pipeline("happy-path")) {
      pipeline.startReceiver(pipeline.writeReceiver(sms.endpoint(), "2s"));
      JvmProcess monitor = pipeline.startMonitor(pipeline.writeMonitors("2s", "5s"));
      JvmProcess bot = pipeline.startBot("bot", HAPPY_PATH);
      JvmProcess withoutAgent = pipeline.startBotWithoutAgent("bot-plain", HAPPY_PATH);

      bot.awaitOutput("^sell 2 BTC", Duration.ofSeconds(30));
      assertThat(sms.accepted()).as("no SMS while BTC is 8").isEmpty();

      Wait.until(
          "alert and recovery SMS",
          Duration.ofSeconds(40),
          () -> sms.accepted().size() >= 2,
          pipeline::describe);
      Pipeline.assertSameRun(bot, withoutAgent);

      // Anything still in flight has had time to arrive.
      Thread.sleep(3_000);
      List<SentSms> sent = sms.accepted();
      assertThat(sent).as(pipeline.describe()).hasSize(2);
      SentSms alert = sent.get(0);
      assertThat(alert.templateCode()).isEqualTo(Pipeline.ALERT_TEMPLATE);
      assertThat(alert.phone()).endsWith("13800000000");
      assertThat(alert.params())
          .containsEntry("value", "4.9")
          .containsEntry("metric", "btc")
          .containsEntry("range", "5")
          .containsEntry("name", "值班");
      SentSms recovery = sent.get(1);
      assertThat(recovery.templateCode()).isEqualTo(Pipeline.RECOVERY_TEMPLATE);
      assertThat(recovery.params()).containsEntry("metric", "btc");
      assertThat(transitions(monitor))
          .as("no transition while BTC is 8 or 6, nor for ETH at 3")
          .containsExactly("Triggered value=4.9", "Recovered value=5.9");
    }
  }

  @Test
  void boundaryAtFiveBtc() throws Exception {
    try (AliyunStandIn sms = Pipeline.startAliyun();
        Pipeline pipeline = new Pipeline("boundary")) {
      pipeline.startReceiver(pipeline.writeReceiver(sms.endpoint(), "2s"));
      JvmProcess monitor = pipeline.startMonitor(pipeline.writeMonitors("2s", "5s"));

      JvmProcess exact = pipeline.startBot("bot-exact", "--moves=-3", "--step=2s", "--tail=4s");
      exact.awaitOutput("^sell 3 BTC at 30000 USDT -> BTC 5,", Duration.ofSeconds(30));
      assertThat(exact.awaitExit(Duration.ofSeconds(30))).as(exact.describe()).isZero();
      // The monitor has evaluated a 2 s window of 5.0 many times by now.
      Thread.sleep(1_500);
      assertThat(sms.accepted())
          .as("exactly 5 BTC is not below 5\n" + pipeline.describe())
          .isEmpty();
      assertThat(transitions(monitor)).isEmpty();

      JvmProcess below =
          pipeline.startBot("bot-below", "--moves=-3.0000001,+1", "--step=2s", "--tail=4s");
      below.awaitOutput("-> BTC 4.9999999,", Duration.ofSeconds(30));
      Wait.until(
          "alert and recovery SMS for 4.9999999 BTC",
          Duration.ofSeconds(30),
          () -> sms.accepted().size() >= 2,
          pipeline::describe);
      assertThat(below.awaitExit(Duration.ofSeconds(30))).as(below.describe()).isZero();

      List<SentSms> sent = sms.accepted();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(0).templateCode()).isEqualTo(Pipeline.ALERT_TEMPLATE);
      assertThat(sent.get(0).params()).containsEntry("value", "4.9999999");
      assertThat(sent.get(1).templateCode()).isEqualTo(Pipeline.RECOVERY_TEMPLATE);
    }
  }

  private static final Pattern TRANSITION =
      Pattern.compile(
          "(Triggered|Re-Triggered|Recovered|No Data|Re-No Data) \"[^\"]*\" (value=\\S*)");

  /** Returns the transitions the monitor printed, as {@code Triggered value=4.9}, in order. */
  private static List<String> transitions(JvmProcess monitor) {
    List<String> found = new ArrayList<>();
    for (String line : monitor.stdout().split("\n")) {
      Matcher matcher = TRANSITION.matcher(line);
      if (matcher.find()) {
        found.add(matcher.group(1) + " " + matcher.group(2));
      }
    }
    return found;
  }
}
