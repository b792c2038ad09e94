package dev.walletwatch.monitor.config;

import java.time.Duration;

/**
 * The webhook that monitors notify.
 *
 * @param name the webhook's name, mentioned as {@code @webhook-NAME} in monitor messages
 * @param url where the webhook posts
 * @param token the bearer token the receiver expects in {@code Authorization}
 * @param tokenVariable the Datadog custom variable that contains the token as a secret
 * @param timeout how long the local evaluator waits for one delivery; Datadog itself waits 15 s
 */
public record WebhookSettings(
    String name, String url, Secret token, String tokenVariable, Duration timeout) {

  /** Returns the mention that makes a Datadog monitor notify this webhook. */
  public String mention() {
    return "@webhook-" + name;
  }
}
