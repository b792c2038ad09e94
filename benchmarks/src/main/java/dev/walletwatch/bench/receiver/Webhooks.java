package dev.walletwatch.bench.receiver;

/**
 * Webhook bodies in the custom payload that the monitor side configures: a BTC balance monitor
 * triggered with the value in the message, as Datadog would post it, each with its own event id.
 */
final class Webhooks {

  private Webhooks() {}

  /** Returns the body of event {@code id}; every value is a string, as Datadog sends them. */
  static String triggered(String id) {
    long now = System.currentTimeMillis();
    return "{\"id\":\""
        + id
        + "\",\"alert_id\":\"12345\",\"alert_cycle_key\":\""
        + id
        + "\",\"alert_transition\":\"Triggered\",\"alert_type\":\"error\","
        + "\"alert_metric\":\"quant.wallet.balance\","
        + "\"alert_query\":\"min(last_5m):min:quant.wallet.balance{currency:btc} < 5\","
        + "\"alert_scope\":\"currency:btc\","
        + "\"alert_title\":\"[Triggered on {currency:btc}] BTC balance below 5\","
        + "\"text_only_msg\":\"BTC balance is low\\nwalletwatch value=4.2 threshold=5\","
        + "\"tags\":\"currency:btc, exchange:simulated, monitor\",\"date\":\""
        + now
        + "\",\"last_updated\":\""
        + now
        + "\",\"link\":\"\",\"org_id\":\"1\"}";
  }
}
