package dev.walletwatch.receiver.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariableRulesTest {

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(
      strings = {
        "see https://app.datadoghq.com/x",
        "www.example.org",
        "host 10.0.0.12 down",
        "fe80::1 down",
        "2001:db8:0:0:0:0:0:1",
        "at datadoghq.com",
        "值班 aliyun.cn",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "",
      })
  void violationRejectsStatic(String value) {
    assertThat(VariableRules.violation(value)).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"值班", "btc", "quant.wallet.balance", "12:30:45", "5", "currency:btc"})
  void violationAcceptsPlainValues(String value) {
    assertThat(VariableRules.violation(value)).isNull();
  }

  @Test
  void removeLinksStripsUrlIpAndDomain() {
    String cleaned =
        VariableRules.removeLinks(
            "BTC low https://app.datadoghq.com/e?id=1 on 10.1.2.3 via dd.example.com");

    assertThat(cleaned).isEqualTo("BTC low on via");
  }

  @Test
  void cutMarksLongValue() {
    String cut = VariableRules.cut("余".repeat(50));

    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(VariableRules.MAX_LENGTH);
    assertThat(cut).endsWith(VariableRules.CUT_MARK);
  }

  @Test
  void cutKeepsEmojiWhole() {
    String cut = VariableRules.cut("🚨".repeat(40));

    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(VariableRules.MAX_LENGTH);
    assertThat(cut.substring(0, cut.length() - 1).codePoints())
        .allMatch(cp -> cp == "🚨".codePointAt(0));
  }

  @Test
  void parseRejectsUnknownPlaceholder() {
    List<String> problems = new ArrayList<>();

    ParamTemplate template = ParamTemplate.parse("{valu} BTC", "rules[0].params.value", problems);

    assertThat(template).isNull();
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("rules[0].params.value")
        .contains("{valu}");
  }

  @Test
  void parseRejectsUrlInFixedText() {
    List<String> problems = new ArrayList<>();

    ParamTemplate.parse("{value} see dd.example.com", "p", problems);

    assertThat(problems).singleElement().asString().contains("dd.example.com");
  }

  @Test
  void renderCutsAndCleansDynamicValue() {
    List<String> problems = new ArrayList<>();
    ParamTemplate template = ParamTemplate.parse("{title}", "p", problems);
    Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
    values.put(
        Placeholder.TITLE,
        "[Triggered on {currency:btc}] BTC 余额过低 see https://x.example.com/a and more text here");

    String rendered = template.render(values);

    assertThat(problems).isEmpty();
    assertThat(rendered).doesNotContain("https").doesNotContain("example.com");
    assertThat(rendered.codePointCount(0, rendered.length()))
        .isLessThanOrEqualTo(VariableRules.MAX_LENGTH);
    assertThat(rendered).endsWith(VariableRules.CUT_MARK);
  }

  @Test
  void renderEmptyValueBecomesDash() {
    ParamTemplate template = ParamTemplate.parse("{value}", "p", new ArrayList<>());

    assertThat(template.render(new EnumMap<>(Placeholder.class))).isEqualTo("-");
  }
}
