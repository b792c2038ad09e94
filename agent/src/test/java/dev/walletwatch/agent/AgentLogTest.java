package dev.walletwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    AgentLog.reportRepeats();

    assertThat(output()).endsWith("[walletwatch] ERROR log-test key failed again 2 times\n");
  }

  @Test
  void repeatCountIsResetAfterReport() {
    AgentLog.failure("log-test reset", "first");
    AgentLog.countRepeat("log-test reset");
    AgentLog.reportRepeats();
    int length = output().length();

    AgentLog.reportRepeats();

    assertThat(output()).hasSize(length);
    assertThat(AgentLog.countRepeat("log-test never failed")).isFalse();
  }
}
