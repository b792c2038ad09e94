package dev.walletwatch.monitor.local;

import dev.walletwatch.monitor.config.MonitorDefinition;
import dev.walletwatch.monitor.config.MonitorsConfig;
import dev.walletwatch.monitor.datadog.WebhookPayload;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the monitors of a monitors file on this machine: a DogStatsD listener fills a series store,
 * an evaluator checks every monitor each {@code local.evaluateEvery}, and each transition is
 * printed and POSTed to {@code webhook.url} with the payload {@code apply} configures in Datadog.
 *
 * <p>Deliveries run on one thread in event order, so a slow or retried delivery delays later events
 * but never an evaluation.
 */
public final class LocalMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalMonitor.class);

  private final MonitorsConfig config;
  private final PrintWriter out;
  private final Clock clock;
  private final SeriesStore store;
  private final WebhookSender sender;
  private final List<MonitorRun> runs = new ArrayList<>();
  private final AtomicLong samplesAccepted = new AtomicLong();
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong nextEventId;
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService evaluator =
      Executors.newSingleThreadScheduledExecutor(daemon("monitor-evaluator"));
  private final ExecutorService delivery =
      Executors.newSingleThreadExecutor(daemon("webhook-delivery"));
  private StatsdListener listener;
  private Instant startedAt;

  /** Evaluation state of one monitor; touched only by the evaluator thread, except lastValue. */
  private static final class MonitorRun {
    final MonitorDefinition monitor;
    Status status = Status.OK;
    Instant lastNotifiedAt;
    String cycleKey;
    volatile BigDecimal lastValue;

    MonitorRun(MonitorDefinition monitor) {
      this.monitor = monitor;
    }
  }

  /**
   * Creates a local monitor; {@link #start} begins listening.
   *
   * @param out where transitions are printed, one line each
   * @param retryBackoff the wait before the first delivery retry
   */
  public LocalMonitor(MonitorsConfig config, PrintWriter out, Clock clock, Duration retryBackoff) {
    this.config = config;
    this.out = out;
    this.clock = clock;
    Duration retention = Duration.ZERO;
    for (MonitorDefinition monitor : config.monitors()) {
      runs.add(new MonitorRun(monitor));
      if (monitor.query().window().compareTo(retention) > 0) {
        retention = monitor.query().window();
      }
    }
    this.store =
        new SeriesStore(
            config.monitors().stream().map(MonitorDefinition::query).toList(), retention);
    this.sender =
        new WebhookSender(
            config.webhook().url(),
            config.webhook().token(),
            config.webhook().timeout(),
            retryBackoff);
    // Event ids count up from the start time in microseconds, so they differ across restarts.
    this.nextEventId = new AtomicLong(clock.millis() * 1000);
  }

  /**
   * Binds the DogStatsD listener to {@code host}:{@code port} (0 picks a free port) and starts
   * evaluating.
   *
   * @return the bound address
   */
  public InetSocketAddress start(String host, int port) throws IOException {
    startedAt = clock.instant();
    listener = new StatsdListener(new InetSocketAddress(host, port), clock, this::accept);
    listener.start();
    long every = config.local().evaluateEvery().toMillis();
    evaluator.scheduleWithFixedDelay(this::evaluateSafely, every, every, TimeUnit.MILLISECONDS);
    return listener.address();
  }

  /** Returns how many gauge values a monitor's query matched since the start. */
  public long samplesAccepted() {
    return samplesAccepted.get();
  }

  /** Returns how many evaluation rounds have completed. */
  public long evaluations() {
    return evaluations.get();
  }

  /** Returns the value the last evaluation of {@code monitorName} saw, if it saw one. */
  public Optional<BigDecimal> lastValue(String monitorName) {
    return runs.stream()
        .filter(run -> run.monitor.name().equals(monitorName))
        .findFirst()
        .map(run -> run.lastValue);
  }

  private void accept(GaugeSample sample) {
    if (store.add(sample)) {
      samplesAccepted.incrementAndGet();
    }
  }

  private void evaluateSafely() {
    try {
      Instant now = clock.instant();
      for (MonitorRun run : runs) {
        evaluate(run, now);
      }
      evaluations.incrementAndGet();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again, so every failure is caught here.
      LOG.error("monitor evaluation failed; the next round runs as scheduled", e);
    }
  }

  private void evaluate(MonitorRun run, Instant now) {
    Observation observation = store.observe(run.monitor.query(), now, startedAt);
    run.lastValue = observation.value();
    Transitions.Decision decision =
        Transitions.decide(run.monitor, run.status, run.lastNotifiedAt, observation, now);
    Status previous = run.status;
    run.status = decision.next();
    if (decision.transition() == null) {
      return;
    }
    if (previous == Status.OK) {
      run.cycleKey = Long.toString(random.nextLong() >>> 1);
    }
    run.lastNotifiedAt = now;
    notify(run, decision.transition(), previous, observation.value(), now);
  }

  private void notify(
      MonitorRun run, Transition transition, Status previous, BigDecimal value, Instant now) {
    String eventId = Long.toString(nextEventId.incrementAndGet());
    Map<String, String> variables =
        AlertEvents.variables(
            run.monitor, config.webhook(), transition, previous, eventId, run.cycleKey, value, now);
    String valueText = value == null ? "none" : value.toPlainString();
    synchronized (out) {
      out.println(
          now.truncatedTo(ChronoUnit.MILLIS)
              + " "
              + transition.title()
              + " \""
              + run.monitor.name()
              + "\" value="
              + valueText);
      out.flush();
    }
    String body = WebhookPayload.render(variables);
    delivery.execute(() -> deliver(run.monitor.name(), transition, eventId, body));
  }

  private void deliver(String monitorName, Transition transition, String eventId, String body) {
    WebhookSender.Outcome outcome = sender.deliver(eventId, body);
    if (outcome.delivered()) {
      LOG.info(
          "webhook delivered: monitor=\"{}\" transition=\"{}\" event_id={} attempts={}",
          monitorName,
          transition.title(),
          eventId,
          outcome.attempts());
    } else {
      LOG.error(
          "webhook not delivered: monitor=\"{}\" transition=\"{}\" event_id={} attempts={}"
              + " error=\"{}\"",
          monitorName,
          transition.title(),
          eventId,
          outcome.attempts(),
          outcome.detail());
    }
  }

  /**
   * Returns the {@code alert_id} that this monitor's webhooks carry in place of a Datadog monitor
   * id; a receiver rule's {@code monitorId} must equal it.
   */
  public static String alertId(MonitorDefinition monitor) {
    return AlertEvents.alertId(monitor);
  }

  /** Stops listening and evaluating, waiting up to 5 s for queued deliveries. */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    evaluator.shutdownNow();
    delivery.shutdown();
    try {
      if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("stopped with webhook deliveries still pending");
        delivery.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivery.shutdownNow();
    }
    sender.close();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
