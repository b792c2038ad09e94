package dev.walletwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // lower-cased
        "currency|BTC|currency:btc",
        // allowed punctuation kept
        "account|desk-1/spot_a.b:c|account:desk-1/spot_a.b:c",
        // spaces, @ and # become _
        "owner|Jane Doe@Desk#1|owner:jane_doe_desk_1",
        // Unicode letters are allowed
        "city|Zürich|city:zürich",
        // a value ending in ':' would end the tag with ':'
        "pair|btc:|pair:btc",
      })
  void tagIsCleaned(String key, String value, String expected) {
    assertThat(Tags.tag(key, value)).isEqualTo(expected);
  }

  @Test
  void emptyOrNullValueBecomesNone() {
    assertThat(Tags.tag("currency", "")).isEqualTo("currency:none");
    assertThat(Tags.tag("currency", null)).isEqualTo("currency:none");
  }

  @Test
  void longTagIsCutTo200() {
    assertThat(Tags.tag("k", "x".repeat(500))).hasSize(Tags.MAX_LENGTH);
  }

  @Test
  void keyMustStartWithLetter() {
    assertThat(Tags.isValidKey("currency")).isTrue();
    assertThat(Tags.isValidKey("_x")).isFalse();
    assertThat(Tags.isValidKey("9x")).isFalse();
    assertThat(Tags.isValidKey("a b")).isFalse();
    assertThat(Tags.isValidKey("a:b")).isFalse();
  }
}
