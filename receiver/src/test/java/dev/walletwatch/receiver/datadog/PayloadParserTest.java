package dev.walletwatch.receiver.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadParserTest {
  private final PayloadParser parser = new PayloadParser();

  private WebhookEvent parse(String body, String contentType) throws InvalidPayloadException {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  @Test
  void customPayloadWithChineseEmojiAndNewlines() throws Exception {
    String body =
        """
        {"id": "7391026582193", "alert_id": "12345", "alert_cycle_key": "6543",
         "alert_transition": "Triggered", "alert_type": "error",
         "alert_metric": "quant.wallet.balance",
         "alert_query": "min(last_5m):min:quant.wallet.balance{currency:btc} < 5",
         "alert_scope": "currency:btc,host:trader-1",
         "alert_title": "[Triggered on {currency:btc,host:trader-1}] BTC 余额过低 🚨",
         "text_only_msg": "BTC \\"热钱包\\" 余额过低 🚨\\nwalletwatch value=4.2 threshold=5.0\\n@webhook-walletwatch",
         "tags": "monitor, currency:btc,env:prod", "date": "1606757621000",
         "last_updated": "1606757621000", "link": "https://app.datadoghq.com/event/jump_to?event_id=1",
         "org_id": "11023"}
        """;

    WebhookEvent event = parse(body, "application/json");

    assertThat(event.id()).isEqualTo("7391026582193");
    assertThat(event.alertId()).isEqualTo("12345");
    assertThat(event.transition()).isEqualTo(Transition.TRIGGERED);
    assertThat(event.test()).isFalse();
    assertThat(event.metric()).isEqualTo("quant.wallet.balance");
    assertThat(event.scope()).containsExactly("currency:btc", "host:trader-1");
    assertThat(event.tags()).containsExactly("monitor", "currency:btc", "env:prod");
    assertThat(event.value()).isEqualByComparingTo("4.2");
    assertThat(event.threshold()).isEqualByComparingTo("5.0");
    assertThat(event.dateMillis()).isEqualTo(1606757621000L);
    assertThat(event.title()).contains("余额过低 🚨");
    assertThat(event.orgId()).isEqualTo("11023");
  }

  @Test
  void defaultPayloadWithMarkdownBody() throws Exception {
    // Datadog's default payload: the message is Markdown wrapped in %%% with escaped underscores.
    String body =
        """
        {"body": "%%%\\nBTC balance low **walletwatch value=4.2 threshold=5**\\n@webhook-ww\\n\\n[![Metric Graph](https://p.datadoghq.com/snapshot/x.png)](https://app.datadoghq.com/monitors/12345)\\n\\n**quant.wallet.balance** over **currency:btc** was **< 5.0** at least once during the **last 5m**.\\n%%%",
         "last_updated": "1606757621000", "event_type": "query_alert_monitor",
         "title": "[Triggered on {currency:btc}] BTC low", "date": "1606757621000",
         "org": {"id": "11023", "name": "Quant"}, "id": "5732164985"}
        """;

    WebhookEvent event = parse(body, "application/json");

    assertThat(event.id()).isEqualTo("5732164985");
    assertThat(event.transition()).isEqualTo(Transition.TRIGGERED);
    assertThat(event.scope()).containsExactly("currency:btc");
    assertThat(event.value()).isEqualByComparingTo("4.2");
    assertThat(event.threshold()).isEqualByComparingTo("5");
    assertThat(event.eventType()).isEqualTo("query_alert_monitor");
    assertThat(event.orgId()).isEqualTo("11023");
    assertThat(event.message()).contains("quant.wallet.balance");
  }

  @Test
  void formEncodedDefaultPayload() throws Exception {
    String body =
        "id=42&title="
            + enc("[Re-Triggered on {currency:btc}] 低 BTC")
            + "&body="
            + enc("%%%\nwalletwatch value=3 threshold=5\n%%%")
            + "&date=1606757621000&org="
            + enc("{\"id\":\"7\",\"name\":\"Q\"}")
            + "&event_type=metric_alert_monitor";

    WebhookEvent event = parse(body, "application/x-www-form-urlencoded");

    assertThat(event.id()).isEqualTo("42");
    assertThat(event.transition()).isEqualTo(Transition.RE_TRIGGERED);
    assertThat(event.value()).isEqualByComparingTo("3");
    assertThat(event.orgId()).isEqualTo("7");
    assertThat(event.title()).contains("低 BTC");
  }

  @Test
  void formEncodedCustomPayload() throws Exception {
    String body =
        "id=43&alert_transition=Recovered&alert_scope="
            + enc("currency:btc")
            + "&text_only_msg="
            + enc("walletwatch value=6.1 threshold=5")
            + "&alert_id=&priority=";

    WebhookEvent event = parse(body, null);

    assertThat(event.transition()).isEqualTo(Transition.RECOVERED);
    assertThat(event.alertId()).isEmpty();
    assertThat(event.value()).isEqualByComparingTo("6.1");
  }

  @Test
  void numbersUnquotedAndFieldsEmpty() throws Exception {
    // A hand-written payload that forgot the quotes, with empty and null fields.
    WebhookEvent event =
        parse(
            "{\"id\": 99, \"alert_id\": 12345, \"date\": 1606757621000, \"alert_transition\": \"\","
                + " \"alert_title\": \"[No Data on {currency:btc}] gone\", \"alert_scope\": null,"
                + " \"text_only_msg\": \"\", \"tags\": \"\"}",
            "application/json");

    assertThat(event.id()).isEqualTo("99");
    assertThat(event.alertId()).isEqualTo("12345");
    assertThat(event.dateMillis()).isEqualTo(1606757621000L);
    assertThat(event.transition()).isEqualTo(Transition.NO_DATA);
    assertThat(event.scope()).containsExactly("currency:btc");
    assertThat(event.tags()).isEmpty();
    assertThat(event.value()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // An array takes "an".
        "[{\"id\": \"1\"}]|JSON body is an array,",
        // A string takes "a".
        "\"webhook\"|JSON body is a string,",
        // A number takes "a".
        "42|JSON body is a number,",
        // A boolean takes "a".
        "true|JSON body is a boolean,",
        // The JSON literal null is named as it is written.
        "null|JSON body is null,",
      })
  void nonObjectBodyNamed(String body, String expected) {
    assertThatThrownBy(() -> parse(body, "application/json"))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageStartingWith(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[Triggered] BTC low|TRIGGERED|false",
        "[TEST] [Triggered on {currency:btc}] BTC low|TRIGGERED|true",
        "[P1] [Recovered on {currency:btc}] BTC low|RECOVERED|false",
        "[Re-No Data on {currency:btc}] BTC|RE_NO_DATA|false",
        "[Warn] BTC|WARN|false",
        "[Renotify] BTC|RENOTIFY|false",
      })
  void transitionFromTitle(String title, Transition expected, boolean test) throws Exception {
    WebhookEvent event = parse("{\"id\":\"1\",\"title\":\"" + title + "\"}", "application/json");

    assertThat(event.transition()).isEqualTo(expected);
    assertThat(event.test()).isEqualTo(test);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "walletwatch value=4.2 threshold=5|4.2|5",
        "walletwatch value=**4.2** threshold=`5`|4.2|5",
        "WalletWatch value = 4.2  threshold = 5.|4.2|5",
        "walletwatch value=\"4.2\" threshold='5'|4.2|5",
        "walletwatch value=1,234.5 threshold=2,000|1234.5|2000",
        "walletwatch value= threshold=5|null|5",
        "walletwatch value=NaN threshold=5|null|5",
        "walletwatch value=4.2|4.2|null",
      },
      nullValues = "null")
  void messageLineVariants(String line, BigDecimal value, BigDecimal threshold) {
    MessageLine.Values values = MessageLine.find("BTC 低 🚨\n" + line + "\n@webhook-x");

    assertThat(values).isNotNull();
    if (value == null) {
      assertThat(values.value()).isNull();
    } else {
      assertThat(values.value()).isEqualByComparingTo(value);
    }
    if (threshold == null) {
      assertThat(values.threshold()).isNull();
    } else {
      assertThat(values.threshold()).isEqualByComparingTo(threshold);
    }
  }

  @Test
  void thresholdFromQueryWhenLineLacksIt() throws Exception {
    WebhookEvent event =
        parse(
            "{\"id\":\"1\",\"alert_query\":\"min(last_5m):min:quant.wallet.balance{currency:btc} <= 2.5\"}",
            "application/json");

    assertThat(event.threshold()).isEqualByComparingTo("2.5");
  }

  @Test
  void malformedJsonNamesPosition() {
    assertThatThrownBy(() -> parse("{\"id\": \"1\", ", "application/json"))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("line 1");
  }

  @Test
  void jsonArrayIsNotWebhook() {
    assertThatThrownBy(() -> parse("[1, 2]", "application/json"))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("expected an object");
  }

  @Test
  void objectWithoutWebhookFieldsRejected() {
    assertThatThrownBy(() -> parse("{\"hello\": \"world\"}", "application/json"))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("not a Datadog webhook")
        .hasMessageContaining("hello");
  }

  @Test
  void emptyBodyRejected() {
    assertThatThrownBy(() -> parse("  ", "application/json"))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("empty body");
  }

  @Test
  void invalidUtf8Rejected() {
    byte[] body = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThatThrownBy(() -> parser.parse(body, "application/json"))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("UTF-8");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
