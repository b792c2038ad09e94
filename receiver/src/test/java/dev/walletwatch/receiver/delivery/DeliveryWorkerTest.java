package dev.walletwatch.receiver.delivery;

import static dev.walletwatch.receiver.testing.ScriptedSmsProvider.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.datadog.Transition;
import dev.walletwatch.receiver.datadog.WebhookEvent;
import dev.walletwatch.receiver.metrics.Metrics;
import dev.walletwatch.receiver.rules.Decision;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.store.History;
import dev.walletwatch.receiver.store.NewDelivery;
import dev.walletwatch.receiver.store.Store;
import dev.walletwatch.receiver.testing.MutableClock;
import dev.walletwatch.receiver.testing.ScriptedSmsProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against a real SQLite file, a scripted provider and a clock moved by hand. */
class DeliveryWorkerTest {
  private static final ReceiverConfig.Delivery SETTINGS =
      new ReceiverConfig.Delivery(
          Duration.ofSeconds(2),
          Duration.ofSeconds(60),
          4,
          Duration.ofMinutes(10),
          Duration.ofSeconds(1));

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final ScriptedSmsProvider provider = new ScriptedSmsProvider();
  private Store store;
  private int eventCounter;

  @BeforeEach
  void open() throws Exception {
    store = Store.open(dir.resolve("w.db"), Duration.ofSeconds(1));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private DeliveryWorker worker() {
    // Jitter 0 makes each wait exactly half the backoff.
    return new DeliveryWorker(store.outbox(), provider, clock, SETTINGS, Metrics.none(), () -> 0.0);
  }

  private String enqueue(String kind, Duration repeatInterval) throws Exception {
    WebhookEvent event =
        new WebhookEvent(
            "e" + ++eventCounter,
            "",
            "",
            Transition.TRIGGERED,
            false,
            "",
            "",
            "",
            List.of(),
            List.of(),
            "t",
            "",
            null,
            null,
            null,
            "",
            "",
            "");
    NewDelivery delivery =
        new NewDelivery(
            "btc-low",
            kind,
            "+8613800000000",
            "SMS_000000",
            Map.of("value", "4.2"),
            repeatInterval);
    return store
        .events()
        .accept(
            event,
            ("{\"id\":\"" + event.id() + "\"}").getBytes(StandardCharsets.UTF_8),
            "application/json",
            List.of(new Decision(Decision.Action.SEND, "btc-low", "test")),
            List.of(delivery),
            clock.instant())
        .deliveryIds()
        .get(0);
  }

  private History.DeliveryRow row(String id) throws Exception {
    return store.history().recent(100).stream()
        .flatMap(e -> e.deliveries().stream())
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void sentOnFirstAttempt() throws Exception {
    String id = enqueue("alert", Duration.ZERO);

    worker().runDue();

    assertThat(provider.sends).singleElement().satisfies(m -> assertThat(m.outId()).isEqualTo(id));
    assertThat(provider.sends.get(0).params()).containsEntry("value", "4.2");
    assertThat(row(id).state()).isEqualTo("sent");
    assertThat(row(id).attempts()).isEqualTo(1);
  }

  @Test
  void recoveryWaitsForUnsentAlert() throws Exception {
    provider.thenSend(result(Outcome.RETRY, "http.500"));
    String alert = enqueue("alert", Duration.ZERO);
    String recovery = enqueue("recovery", Duration.ZERO);
    DeliveryWorker worker = worker();

    worker.runDue();

    // The alert failed and waits 1 s; the recovery is due now but must not overtake it.
    assertThat(provider.sends).extracting(SmsMessage::outId).containsExactly(alert);
    assertThat(row(recovery).state()).isEqualTo("pending");
    assertThat(store.outbox().nextWakeup()).isEqualTo(clock.instant().plusSeconds(1));

    clock.advance(Duration.ofSeconds(1));
    worker.runDue();

    assertThat(provider.sends)
        .extracting(SmsMessage::outId)
        .containsExactly(alert, alert, recovery);
    assertThat(row(alert).state()).isEqualTo("sent");
    assertThat(row(recovery).state()).isEqualTo("sent");
  }

  @Test
  void transientErrorRetriedAfterBackoff() throws Exception {
    provider.thenSend(result(Outcome.RETRY, "http.500"), result(Outcome.RETRY, "isp.SYSTEM_ERROR"));
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker = worker();

    worker.runDue();
    assertThat(row(id).state()).isEqualTo("pending");
    assertThat(row(id).lastCode()).isEqualTo("http.500");

    clock.advance(Duration.ofMillis(999));
    worker.runDue();
    assertThat(provider.sends).hasSize(1);

    clock.advance(Duration.ofMillis(1));
    worker.runDue();
    assertThat(provider.sends).hasSize(2);

    // Second backoff: 4 s, halved by jitter 0.
    clock.advance(Duration.ofSeconds(2));
    worker.runDue();
    assertThat(provider.sends).hasSize(3);
    assertThat(row(id).state()).isEqualTo("sent");
    assertThat(row(id).attempts()).isEqualTo(3);
  }

  @Test
  void permanentErrorFailsWithCode() throws Exception {
    provider.thenSend(result(Outcome.PERMANENT, "isv.MOBILE_NUMBER_ILLEGAL"));
    String id = enqueue("alert", Duration.ZERO);

    worker().runDue();
    clock.advance(Duration.ofHours(1));
    worker().runDue();

    assertThat(provider.sends).hasSize(1);
    assertThat(row(id).state()).isEqualTo("failed");
    assertThat(row(id).lastCode()).isEqualTo("isv.MOBILE_NUMBER_ILLEGAL");
  }

  @Test
  void flowControlDefersLong() throws Exception {
    provider.thenSend(result(Outcome.DEFER, "isv.DAY_LIMIT_CONTROL"));
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker = worker();

    worker.runDue();
    clock.advance(Duration.ofMinutes(9));
    worker.runDue();
    assertThat(provider.sends).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    worker.runDue();
    assertThat(provider.sends).hasSize(2);
    assertThat(row(id).state()).isEqualTo("sent");
  }

  @Test
  void retriesStopAtMaxAttempts() throws Exception {
    provider.thenSend(
        result(Outcome.RETRY, "http.503"),
        result(Outcome.RETRY, "http.503"),
        result(Outcome.RETRY, "http.503"),
        result(Outcome.RETRY, "http.503"));
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker = worker();

    for (int i = 0; i < 10; i++) {
      worker.runDue();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(provider.sends).hasSize(4);
    assertThat(row(id).state()).isEqualTo("failed");
    assertThat(row(id).lastCode()).isEqualTo("http.503");
  }

  @Test
  void unknownOutcomeLooksUpBeforeResend() throws Exception {
    provider
        .thenSend(result(Outcome.UNKNOWN, "timeout"))
        .thenLookup(LookupResult.UNKNOWN, LookupResult.FOUND);
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker = worker();

    worker.runDue();
    clock.advance(Duration.ofSeconds(1));
    worker.runDue();
    assertThat(provider.lookups).hasSize(1);
    assertThat(row(id).state()).isEqualTo("pending");

    clock.advance(Duration.ofSeconds(2));
    worker.runDue();

    assertThat(provider.lookups).hasSize(2);
    assertThat(provider.sends).as("found by lookup, so never sent twice").hasSize(1);
    assertThat(row(id).state()).isEqualTo("sent");
  }

  @Test
  void unknownOutcomeResentWhenLookupFindsNothing() throws Exception {
    provider.thenSend(result(Outcome.UNKNOWN, "timeout")).thenLookup(LookupResult.NOT_FOUND);
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker = worker();

    worker.runDue();
    clock.advance(Duration.ofSeconds(1));
    worker.runDue();

    assertThat(provider.sends).hasSize(2);
    assertThat(provider.sends.get(1).outId()).isEqualTo(id);
    assertThat(row(id).state()).isEqualTo("sent");
  }

  @Test
  void rowInSendingAtStartupLookedUp() throws Exception {
    String id = enqueue("alert", Duration.ZERO);
    // The state a crash leaves between committing "sending" and the provider's response.
    store.outbox().markSending(id, clock.instant());
    provider.thenLookup(LookupResult.FOUND);
    DeliveryWorker worker = worker();

    assertThat(worker.recoverInterrupted()).isEqualTo(1);
    worker.runDue();

    assertThat(provider.lookups).hasSize(1);
    assertThat(provider.sends).isEmpty();
    assertThat(row(id).state()).isEqualTo("sent");
  }

  @Test
  void floodControlSurvivesRestart() throws Exception {
    String first = enqueue("alert", Duration.ofMinutes(30));
    worker().runDue();
    assertThat(row(first).state()).isEqualTo("sent");

    // A new store connection on the same file stands for a restarted receiver.
    store.close();
    store = Store.open(dir.resolve("w.db"), Duration.ofSeconds(1));
    clock.advance(Duration.ofMinutes(10));
    String second = enqueue("alert", Duration.ofMinutes(30));
    String recovery = enqueue("recovery", Duration.ofMinutes(30));
    worker().runDue();

    assertThat(row(second).state()).isEqualTo("suppressed");
    assertThat(row(recovery).state()).as("recovery follows a sent alert").isEqualTo("sent");

    clock.advance(Duration.ofMinutes(20));
    String third = enqueue("alert", Duration.ofMinutes(30));
    worker().runDue();
    assertThat(row(third).state()).isEqualTo("sent");
    assertThat(provider.sends).hasSize(3);
  }

  @Test
  void alertAfterRecoverySentAcrossRestart() throws Exception {
    String alert = enqueue("alert", Duration.ofMinutes(30));
    worker().runDue();
    clock.advance(Duration.ofSeconds(30));
    String recovery = enqueue("recovery", Duration.ofMinutes(30));
    worker().runDue();
    assertThat(row(alert).state()).isEqualTo("sent");
    assertThat(row(recovery).state()).isEqualTo("sent");

    // A new store connection on the same file stands for a restarted receiver.
    store.close();
    store = Store.open(dir.resolve("w.db"), Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(59));
    String again = enqueue("alert", Duration.ofMinutes(30));
    String repeat = enqueue("alert", Duration.ofMinutes(30));
    worker().runDue();

    assertThat(row(again).state()).as("a new alert after a recovery").isEqualTo("sent");
    assertThat(row(repeat).state()).as("a repeat with no recovery since").isEqualTo("suppressed");
    assertThat(provider.sends).hasSize(3);
  }

  @Test
  void olderStoreOrdersKindsBySendTime() throws Exception {
    enqueue("alert", Duration.ofMinutes(30));
    worker().runDue();
    clock.advance(Duration.ofSeconds(30));
    enqueue("recovery", Duration.ofMinutes(30));
    worker().runDue();
    // A store written before the last kind was recorded has only the send times.
    store.close();
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"));
        Statement statement = other.createStatement()) {
      statement.execute("DROP TABLE flood_last");
    }
    store = Store.open(dir.resolve("w.db"), Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(59));
    String again = enqueue("alert", Duration.ofMinutes(30));
    worker().runDue();

    assertThat(row(again).state()).isEqualTo("sent");
  }

  @Test
  void recoveryWithoutAlertSuppressed() throws Exception {
    String recovery = enqueue("recovery", Duration.ZERO);
    worker().runDue();

    assertThat(row(recovery).state()).isEqualTo("suppressed");
    assertThat(provider.sends).isEmpty();
  }

  @Test
  void providerExceptionTreatedAsUnknown() throws Exception {
    ScriptedSmsProvider throwing =
        new ScriptedSmsProvider() {
          @Override
          public synchronized dev.walletwatch.receiver.sms.SendResult send(
              dev.walletwatch.receiver.sms.SmsMessage message) {
            super.send(message);
            throw new IllegalStateException("boom");
          }
        };
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker =
        new DeliveryWorker(store.outbox(), throwing, clock, SETTINGS, Metrics.none(), () -> 0.0);

    worker.runDue();

    assertThat(row(id).state()).isEqualTo("pending");
    assertThat(row(id).lastCode()).isEqualTo("exception");
  }

  @Test
  void storeLockedLeavesRowPending() throws Exception {
    String id = enqueue("alert", Duration.ZERO);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"));
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      DeliveryWorker worker = worker();
      org.assertj.core.api.Assertions.assertThatThrownBy(worker::runDue)
          .isInstanceOf(dev.walletwatch.receiver.store.StorageException.class);
      statement.execute("ROLLBACK");
    }
    assertThat(provider.sends).as("nothing sent while 'sending' could not be committed").isEmpty();

    worker().runDue();
    assertThat(row(id).state()).isEqualTo("sent");
  }

  @Test
  void failedWriteAfterSendLookedUpNotResent() throws Exception {
    Path file = dir.resolve("w.db");
    ScriptedSmsProvider lockingProvider =
        new ScriptedSmsProvider() {
          @Override
          public synchronized dev.walletwatch.receiver.sms.SendResult send(
              dev.walletwatch.receiver.sms.SmsMessage message) {
            // Another process locks the store while the SMS is accepted, so recording "sent"
            // fails. The lock is released well after the store's 1 s busy timeout.
            Thread holder =
                new Thread(
                    () -> {
                      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                          Statement statement = other.createStatement()) {
                        statement.execute("BEGIN EXCLUSIVE");
                        Thread.sleep(3_000);
                        statement.execute("ROLLBACK");
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    });
            holder.start();
            org.awaitility.Awaitility.await()
                .until(() -> holder.getState() == Thread.State.TIMED_WAITING);
            return super.send(message);
          }
        };
    lockingProvider.thenLookup(LookupResult.FOUND);
    String id = enqueue("alert", Duration.ZERO);
    DeliveryWorker worker =
        new DeliveryWorker(
            store.outbox(), lockingProvider, clock, SETTINGS, Metrics.none(), () -> 0.0);

    worker.start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "sent".equals(row(id).state()));
    } finally {
      worker.close();
    }

    assertThat(lockingProvider.sends).as("accepted once, never sent again").hasSize(1);
    assertThat(lockingProvider.lookups).hasSize(1);
  }
}
