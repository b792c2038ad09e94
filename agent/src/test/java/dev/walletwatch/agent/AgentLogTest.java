package dev.walletwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentLogTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    AgentLog.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    AgentLog.redirect(System.err);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void failureIsPrintedOnceThenCounted() {
    for (int i = 0; i < 3; i++) {
      AgentLog.failure("log-test key", "probe failed: boom");
    }

    assertThat(output()).isEqualTo("[walletwatch] ERROR probe failed: boom\n");

    AgentLog.reportRepeats(0);

    assertThat(output()).contains("[walletwatch] ERROR log-test key failed again 2 times");
  }

  @Test
  void repeatSummaryAtMostEveryFiveMinutes() {
    long minute = TimeUnit.MINUTES.toNanos(1);
    AgentLog.failure("log-test flood", "probe failed: flood");
    AgentLog.countRepeat("log-test flood");
    AgentLog.reportRepeats(0);
    int afterFirstSummary = output().length();

    // A probe failing on every call, with the flusher running every second for four minutes.
    for (long second = 1; second <= 240; second++) {
      AgentLog.countRepeat("log-test flood");
      AgentLog.reportRepeats(second * 1_000_000_000L);
    }

    assertThat(output()).hasSize(afterFirstSummary);

    AgentLog.reportRepeats(5 * minute);

    assertThat(output().substring(afterFirstSummary))
        .isEqualTo(
            "[walletwatch] ERROR log-test flood failed again 240 times"
                + " (repeats are summarised at most every 5 minutes)\n");
  }

  @Test
  void repeatCountIsResetAfterReport() {
    AgentLog.failure("log-test reset", "first");
    AgentLog.countRepeat("log-test reset");
    AgentLog.reportRepeats(0);
    int length = output().length();

    AgentLog.reportRepeats(TimeUnit.MINUTES.toNanos(10));

    assertThat(output()).hasSize(length);
    assertThat(AgentLog.countRepeat("log-test never failed")).isFalse();
  }
}
