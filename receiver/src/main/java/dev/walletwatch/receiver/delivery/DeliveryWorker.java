package dev.walletwatch.receiver.delivery;

import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.intake.WebhookIntake;
import dev.walletwatch.receiver.metrics.Metrics;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.Phones;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.SmsProvider;
import dev.walletwatch.receiver.store.Delivery;
import dev.walletwatch.receiver.store.Outbox;
import dev.walletwatch.receiver.store.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single delivery worker: takes due rows from the outbox and moves each through pending,
 * sending (committed before the provider is called), then sent, failed or back to pending with a
 * wait. One thread keeps the provider's calls in order and makes "at most one send in flight per
 * delivery" hold without locks.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Outbox outbox;
  private final SmsProvider provider;
  private final Clock clock;
  private final RetryPolicy policy;
  private final Duration pollInterval;
  private final Metrics metrics;
  private final DoubleSupplier jitter;
  private final Object signal = new Object();
  private volatile boolean closed;
  private boolean woken;
  private Thread thread;
  private String lastStorageError;

  public DeliveryWorker(
      Outbox outbox,
      SmsProvider provider,
      Clock clock,
      ReceiverConfig.Delivery settings,
      Metrics metrics,
      DoubleSupplier jitter) {
    this.outbox = outbox;
    this.provider = provider;
    this.clock = clock;
    this.policy = new RetryPolicy(settings);
    this.pollInterval = settings.pollInterval();
    this.metrics = metrics;
    this.jitter = jitter;
  }

  /**
   * Returns rows left in {@code sending} by a crash to pending, marked for lookup before any
   * resend, and returns how many there were. {@link #start} calls it first.
   */
  public int recoverInterrupted() throws StorageException {
    int interrupted = outbox.recoverInterrupted(clock.instant());
    if (interrupted > 0) {
      LOG.warn("delivery.recovered count={} action=lookup_before_resend", interrupted);
    }
    return interrupted;
  }

  /** Recovers interrupted rows, then starts the worker thread. */
  public synchronized void start() throws StorageException {
    recoverInterrupted();
    thread = new Thread(this::loop, "delivery-worker");
    thread.start();
  }

  /** Wakes the worker after new rows were committed, so it need not wait for the next poll. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    while (!closed) {
      Duration wait = pollInterval;
      try {
        if (lastStorageError != null) {
          // A failed write after a send can leave a row in "sending". No send is in flight
          // between steps of this single thread, so such a row is marked for lookup again.
          recoverInterrupted();
        }
        runDue();
        Instant next = outbox.nextWakeup();
        if (next != null) {
          Duration untilNext = Duration.between(clock.instant(), next);
          if (untilNext.compareTo(wait) < 0) {
            wait = untilNext.isNegative() ? Duration.ZERO : untilNext;
          }
        }
        lastStorageError = null;
      } catch (StorageException e) {
        // Logged when the error changes, not on every poll.
        if (!e.getMessage().equals(lastStorageError)) {
          LOG.error("delivery.store_failed error=\"{}\" action=retry_next_poll", e.getMessage());
          lastStorageError = e.getMessage();
        }
      } catch (RuntimeException e) {
        LOG.error("delivery.worker_error action=retry_next_poll", e);
      }
      sleep(wait);
    }
  }

  private void sleep(Duration wait) {
    synchronized (signal) {
      if (!woken && !closed && !wait.isZero()) {
        try {
          signal.wait(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
      woken = false;
    }
  }

  /**
   * Processes every row due now and returns how many steps it took. Used by the thread and tests.
   */
  public int runDue() throws StorageException {
    int steps = 0;
    Delivery due;
    while (!closed) {
      due = outbox.nextDue(clock.instant());
      if (due == null) {
        break;
      }
      process(due);
      steps++;
    }
    metrics.gauge("outbox.depth", outbox.depth());
    return steps;
  }

  private void process(Delivery delivery) throws StorageException {
    SmsMessage message =
        new SmsMessage(delivery.phone(), delivery.templateCode(), delivery.params(), delivery.id());
    if (delivery.lookupRequired()) {
      LookupResult found = lookup(message, delivery);
      RetryPolicy.Step step =
          policy.afterLookup(found, delivery.attempts() + 1, jitter.getAsDouble());
      if (step.kind() != RetryPolicy.Step.Kind.SEND_NOW) {
        apply(delivery, step, "lookup." + found.name(), 1);
        return;
      }
      LOG.info("delivery.lookup id={} result=NOT_FOUND action=send", delivery.id());
    }
    Instant now = clock.instant();
    // The outbox hands out rows for one phone and rule in order, so a recovery is checked only
    // after the alert before it was sent or given up.
    FloodControl.Verdict verdict =
        FloodControl.check(
            WebhookIntake.KIND_RECOVERY.equals(delivery.kind()),
            outbox.floodState(delivery.phone(), delivery.rule()),
            delivery.repeatInterval(),
            now);
    if (!verdict.allowed()) {
      outbox.finish(delivery.id(), "suppressed", "flood", verdict.reason(), now);
      metrics.increment("deliveries.suppressed", "rule:" + delivery.rule());
      LOG.info(
          "delivery.suppressed id={} rule={} phone={} reason=\"{}\"",
          delivery.id(),
          delivery.rule(),
          Phones.mask(delivery.phone()),
          verdict.reason());
      return;
    }
    outbox.markSending(delivery.id(), now);
    SendResult result = send(message);
    int attempts = delivery.attempts() + 1;
    apply(
        delivery,
        policy.afterSend(result, attempts, jitter.getAsDouble()),
        result.code(),
        0,
        result);
  }

  private SendResult send(SmsMessage message) {
    try {
      return provider.send(message);
    } catch (RuntimeException e) {
      // A provider that throws broke its contract; the request may have gone out, so look it up.
      LOG.error("delivery.provider_error id={} provider={}", message.outId(), provider.name(), e);
      return new SendResult(
          SendResult.Outcome.UNKNOWN, "exception", e.getClass().getSimpleName(), null, null);
    }
  }

  private LookupResult lookup(SmsMessage message, Delivery delivery) {
    Instant first = delivery.firstAttemptAt() == null ? clock.instant() : delivery.firstAttemptAt();
    try {
      return provider.lookup(message, first);
    } catch (RuntimeException e) {
      LOG.error("delivery.lookup_error id={} provider={}", message.outId(), provider.name(), e);
      return LookupResult.UNKNOWN;
    }
  }

  private void apply(Delivery delivery, RetryPolicy.Step step, String code, int extraAttempts)
      throws StorageException {
    apply(delivery, step, code, extraAttempts, null);
  }

  private void apply(
      Delivery delivery, RetryPolicy.Step step, String code, int extraAttempts, SendResult result)
      throws StorageException {
    Instant now = clock.instant();
    String masked = Phones.mask(delivery.phone());
    switch (step.kind()) {
      case SENT -> {
        outbox.markSent(delivery, code, result == null ? null : result.providerId(), now);
        metrics.increment("deliveries.sent", "rule:" + delivery.rule());
        LOG.info(
            "delivery.sent id={} rule={} phone={} code={}",
            delivery.id(),
            delivery.rule(),
            masked,
            code);
      }
      case FAIL -> {
        outbox.finish(delivery.id(), "failed", code, step.reason(), now);
        metrics.increment("deliveries.failed", "rule:" + delivery.rule(), "code:" + code);
        LOG.error(
            "delivery.failed id={} rule={} phone={} code={} reason=\"{}\"",
            delivery.id(),
            delivery.rule(),
            masked,
            code,
            step.reason());
      }
      default -> {
        outbox.reschedule(
            delivery.id(),
            now.plus(step.delay()),
            step.lookupFirst(),
            extraAttempts,
            code,
            step.reason(),
            now);
        metrics.increment("deliveries.retried", "rule:" + delivery.rule(), "code:" + code);
        LOG.warn(
            "delivery.retry id={} rule={} phone={} code={} wait_ms={} reason=\"{}\"",
            delivery.id(),
            delivery.rule(),
            masked,
            code,
            step.delay().toMillis(),
            step.reason());
      }
    }
  }

  /** Stops the thread after the current step; a send in progress finishes first. */
  @Override
  public void close() {
    closed = true;
    wake();
    Thread current;
    synchronized (this) {
      current = thread;
    }
    if (current != null) {
      try {
        current.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
