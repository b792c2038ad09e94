package dev.walletwatch.monitor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DogStatsdParserTest {
  private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

  private final List<GaugeSample> samples = new ArrayList<>();
  private final List<String> invalid = new ArrayList<>();

  private void parse(String datagram) {
    DogStatsdParser.parse(datagram, RECEIVED, samples::add, invalid::add);
  }

  @Test
  void readsGaugeWithTags() {
    parse("quant.wallet.balance:4.9999999|g|#Currency:BTC,env:prod");

    assertThat(samples).hasSize(1);
    GaugeSample sample = samples.get(0);
    assertThat(sample.metric()).isEqualTo("quant.wallet.balance");
    assertThat(sample.value().toPlainString()).isEqualTo("4.9999999");
    assertThat(sample.tags()).containsExactly("currency:btc", "env:prod");
    assertThat(sample.timestamp()).isEqualTo(RECEIVED);
    assertThat(invalid).isEmpty();
  }

  @Test
  void readsEveryLineAndSkipsOtherTypes() {
    parse(
        "a:1|g\n"
            + "requests:1|c|#x:y\n"
            + "latency:3|ms\n"
            + "_e{5,4}:title|text\n"
            + "_sc|check|0\n"
            + "b:-2.5|g|@0.5|#t:v|c:abc|card:low\n");

    assertThat(samples).extracting(GaugeSample::metric).containsExactly("a", "b");
    assertThat(samples.get(1).value().toPlainString()).isEqualTo("-2.5");
    assertThat(samples.get(1).tags()).containsExactly("t:v");
    assertThat(invalid).isEmpty();
  }

  @Test
  void readsSeveralValuesAndTimestamp() {
    parse("a:1:2:3|g|T1700000000");

    assertThat(samples).extracting(sample -> sample.value().intValue()).containsExactly(1, 2, 3);
    assertThat(samples.get(2).timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000));
  }

  @Test
  void reportsInvalidGaugeLines() {
    parse("a:NaN|g\nb:inf|g\nc:|g\nnocolon|g\nd:1|g|Tsoon");

    assertThat(samples).isEmpty();
    assertThat(invalid).hasSize(5);
    assertThat(invalid.get(0)).contains("\"NaN\" is not a finite number");
    assertThat(invalid.get(3)).contains("expected name:value");
    assertThat(invalid.get(4)).contains("timestamp \"Tsoon\"");
  }
}
