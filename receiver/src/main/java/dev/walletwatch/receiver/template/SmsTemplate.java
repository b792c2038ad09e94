package dev.walletwatch.receiver.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An approved Aliyun template and the config's values for its variables.
 *
 * @param code the template code, such as {@code SMS_000000}
 * @param params variable name to value template, in config order
 */
public record SmsTemplate(String code, Map<String, ParamTemplate> params) {
  public SmsTemplate {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Renders every variable for one event. */
  public Map<String, String> render(Map<Placeholder, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((name, template) -> out.put(name, template.render(values)));
    return out;
  }
}
