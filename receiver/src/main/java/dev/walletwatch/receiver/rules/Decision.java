package dev.walletwatch.receiver.rules;

/**
 * One rule's decision about one event, with the reason, stored with the event.
 *
 * @param action what to do
 * @param rule the rule's name, or null when no rule was consulted
 * @param reason why, in words a person on duty can check against the config
 */
public record Decision(Action action, String rule, String reason) {

  /** The receiver's action for an event. */
  public enum Action {
    /** Send the rule's alert template. */
    SEND,
    /** Send the rule's recovery template. */
    SEND_RECOVERY,
    /** Record the event only. */
    IGNORE
  }

  static Decision ignore(Rule rule, String reason) {
    return new Decision(Action.IGNORE, rule.name(), reason);
  }

  /** Returns whether this decision sends an SMS. */
  public boolean sends() {
    return action != Action.IGNORE;
  }
}
