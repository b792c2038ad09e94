package dev.walletwatch.receiver.config;

import dev.walletwatch.receiver.datadog.Transition;
import dev.walletwatch.receiver.rules.Rule;
import dev.walletwatch.receiver.template.ParamTemplate;
import dev.walletwatch.receiver.template.SmsTemplate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code rules:} list, including the templates and their parameter values. */
final class RuleLoader {
  private static final Set<Transition> DEFAULT_TRANSITIONS =
      Set.of(Transition.TRIGGERED, Transition.RE_TRIGGERED, Transition.RENOTIFY);
  // E.164 allows at most 15 digits; mainland numbers are written with or without +86.
  private static final Pattern PHONE = Pattern.compile("\\+?\\d{5,15}");

  private final List<String> problems;

  RuleLoader(List<String> problems) {
    this.problems = problems;
  }

  List<Rule> rules(YamlNode node) {
    List<Rule> rules = new ArrayList<>();
    if (node.isMissing()) {
      node.problem("missing; add at least one rule");
      return rules;
    }
    Set<String> names = new HashSet<>();
    for (YamlNode entry : node.list()) {
      Rule rule = rule(entry, names);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  /**
   * Reads one rule, or returns null when it has problems. The name is checked against {@code names}
   * before anything else, so that a duplicate is reported even in a rule with other problems.
   */
  private Rule rule(YamlNode node, Set<String> names) {
    if (!node.isMap()) {
      return null;
    }
    node.checkKeys(ConfigKeys.RULE);

    int before = problems.size();
    String name = node.get("name").required();
    if (name != null && !names.add(name)) {
      node.get("name").problem("duplicate rule name '" + name + "'; names must be unique");
    }
    String metric = node.get("metric").string();
    String monitorId = node.get("monitorId").string();
    if (metric == null && monitorId == null) {
      node.problem("set metric or monitorId, or the rule matches every monitor");
    }

    Map<String, String> scope = new LinkedHashMap<>();
    node.get("scope")
        .map()
        .forEach(
            (key, value) -> {
              String text = value.string();
              if (text != null) {
                scope.put(key, text);
              }
            });

    BigDecimal below = node.get("below").decimal();
    Set<Transition> transitions = transitions(node.get("transitions"));
    Boolean test = node.get("test").bool(false);
    List<String> phones = phones(node.get("phones"));
    String templateCode = node.get("template").required();
    Map<String, ParamTemplate> params = params(node.get("params"));
    SmsTemplate recovery = recovery(node.get("recovery"));
    Duration repeat = node.get("repeatInterval").duration(Duration.ZERO);

    if (problems.size() > before) {
      return null;
    }
    return new Rule(
        name,
        metric,
        monitorId,
        scope,
        below,
        transitions,
        test,
        phones,
        new SmsTemplate(templateCode, params),
        recovery,
        repeat);
  }

  private Set<Transition> transitions(YamlNode node) {
    if (node.isMissing()) {
      return DEFAULT_TRANSITIONS;
    }
    Set<Transition> out = new LinkedHashSet<>();
    for (YamlNode entry : node.list()) {
      String text = entry.string();
      Transition transition = Transition.parse(text);
      if (transition == null) {
        entry.problem("'" + text + "' is not a transition; use one of " + Transition.known());
      } else {
        out.add(transition);
      }
    }
    return out;
  }

  private List<String> phones(YamlNode node) {
    List<String> out = new ArrayList<>();
    if (node.isMissing()) {
      node.problem("missing; list at least one phone number");
      return out;
    }
    List<YamlNode> entries = node.list();
    if (entries.isEmpty()) {
      node.problem("empty; list at least one phone number");
    }
    for (YamlNode entry : entries) {
      String phone = entry.string();
      if (phone == null) {
        continue;
      }
      if (!PHONE.matcher(phone).matches()) {
        // The number itself stays out of the message: it may be a real person's.
        entry.problem(
            "not a phone number; write digits with an optional leading +, such as +8613800000000");
      } else {
        out.add(phone);
      }
    }
    return out;
  }

  private Map<String, ParamTemplate> params(YamlNode node) {
    Map<String, ParamTemplate> out = new LinkedHashMap<>();
    node.map()
        .forEach(
            (name, value) -> {
              String raw = value.string();
              if (raw == null) {
                value.problem("missing value; Aliyun rejects empty template variables");
                return;
              }
              ParamTemplate template = ParamTemplate.parse(raw, value.path(), problems);
              if (template != null) {
                out.put(name, template);
              }
            });
    return out;
  }

  private SmsTemplate recovery(YamlNode node) {
    if (node.isMissing() || !node.isMap()) {
      return null;
    }
    node.checkKeys(ConfigKeys.RULE_RECOVERY);
    String code = node.get("template").required();
    Map<String, ParamTemplate> params = params(node.get("params"));
    return code == null ? null : new SmsTemplate(code, params);
  }
}
