package dev.walletwatch.receiver.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outbox of SMS deliveries and the flood-control state. Each state change is its own committed
 * transaction, so that a crash leaves every row in a state the worker can resume from: a row found
 * in {@code sending} at startup may have reached the provider and is looked up before any resend.
 */
public final class Outbox {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, event_id, rule, kind, phone, template, params_json, repeat_interval_ms, state, attempts,"
          + " next_attempt_at, first_attempt_at, lookup_required, last_code";

  private final Store store;

  Outbox(Store store) {
    this.store = store;
  }

  /**
   * Returns rows left in {@code sending} by a crash to {@code pending}, marked for lookup, and
   * returns how many there were.
   */
  public int recoverInterrupted(Instant now) throws StorageException {
    return store.inTransaction(
        "recovering interrupted deliveries",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE deliveries SET state = 'pending', lookup_required = 1,"
                      + " next_attempt_at = ?, updated_at = ? WHERE state = 'sending'")) {
            update.setLong(1, now.toEpochMilli());
            update.setLong(2, now.toEpochMilli());
            return update.executeUpdate();
          }
        });
  }

  /**
   * Pending rows that may be sent: those with no older row for the same phone and rule still
   * pending or sending. A recovery therefore never overtakes the alert it follows, even when Aliyun
   * was down for both and the alert is still waiting out its backoff.
   */
  private static final String SENDABLE =
      "state = 'pending' AND NOT EXISTS (SELECT 1 FROM deliveries AS earlier"
          + " WHERE earlier.phone = deliveries.phone AND earlier.rule = deliveries.rule"
          + " AND earlier.state IN ('pending', 'sending') AND earlier.rowid < deliveries.rowid)";

  /**
   * Returns the sendable pending row due first at {@code now}, or null when none is due. A row
   * waits while an older row for the same phone and rule is unfinished.
   */
  public Delivery nextDue(Instant now) throws StorageException {
    return store.read(
        "reading the outbox",
        c -> {
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM deliveries WHERE "
                      + SENDABLE
                      + " AND next_attempt_at <= ?"
                      + " ORDER BY next_attempt_at, rowid LIMIT 1")) {
            query.setLong(1, now.toEpochMilli());
            try (ResultSet rows = query.executeQuery()) {
              return rows.next() ? read(rows) : null;
            }
          }
        });
  }

  /**
   * Returns when the next sendable pending row falls due, or null when none is pending. Rows that
   * wait for an older row are left out, so the worker does not wake for a row it may not send.
   */
  public Instant nextWakeup() throws StorageException {
    return store.read(
        "reading the outbox",
        c -> {
          try (PreparedStatement query =
                  c.prepareStatement(
                      "SELECT min(next_attempt_at) FROM deliveries WHERE " + SENDABLE);
              ResultSet rows = query.executeQuery()) {
            rows.next();
            long at = rows.getLong(1);
            return rows.wasNull() ? null : Instant.ofEpochMilli(at);
          }
        });
  }

  /**
   * Moves a pending row to {@code sending} and counts the attempt; committed before the provider is
   * called, so that a crash during the call is seen at restart.
   */
  public void markSending(String id, Instant now) throws StorageException {
    update(
        id,
        "UPDATE deliveries SET state = 'sending', attempts = attempts + 1,"
            + " first_attempt_at = coalesce(first_attempt_at, ?), updated_at = ?"
            + " WHERE id = ? AND state = 'pending'",
        now.toEpochMilli(),
        now.toEpochMilli(),
        id);
  }

  /** Marks a row sent and records the send time for flood control, in one transaction. */
  public void markSent(Delivery delivery, String code, String providerId, Instant now)
      throws StorageException {
    store.inTransaction(
        "marking delivery " + delivery.id() + " sent",
        c -> {
          execute(
              c,
              "UPDATE deliveries SET state = 'sent', lookup_required = 0, last_code = ?,"
                  + " last_detail = NULL, provider_id = ?, updated_at = ? WHERE id = ?",
              code,
              providerId,
              now.toEpochMilli(),
              delivery.id());
          execute(
              c,
              "INSERT INTO flood_state (phone, rule, kind, last_sent_at) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (phone, rule, kind) DO UPDATE SET last_sent_at = excluded.last_sent_at",
              delivery.phone(),
              delivery.rule(),
              delivery.kind(),
              now.toEpochMilli());
          execute(
              c,
              "INSERT INTO flood_last (phone, rule, kind) VALUES (?, ?, ?)"
                  + " ON CONFLICT (phone, rule) DO UPDATE SET kind = excluded.kind",
              delivery.phone(),
              delivery.rule(),
              delivery.kind());
          return null;
        });
  }

  /**
   * Puts a row back to {@code pending} until {@code nextAttemptAt}. {@code extraAttempts} counts
   * work that did not go through {@link #markSending}, such as a lookup.
   */
  public void reschedule(
      String id,
      Instant nextAttemptAt,
      boolean lookupRequired,
      int extraAttempts,
      String code,
      String detail,
      Instant now)
      throws StorageException {
    update(
        id,
        "UPDATE deliveries SET state = 'pending', next_attempt_at = ?, lookup_required = ?,"
            + " attempts = attempts + ?, last_code = ?, last_detail = ?, updated_at = ?"
            + " WHERE id = ?",
        nextAttemptAt.toEpochMilli(),
        lookupRequired ? 1 : 0,
        extraAttempts,
        code,
        detail,
        now.toEpochMilli(),
        id);
  }

  /** Ends a row in {@code failed} or {@code suppressed} with the code and reason. */
  public void finish(String id, String state, String code, String detail, Instant now)
      throws StorageException {
    update(
        id,
        "UPDATE deliveries SET state = ?, last_code = ?, last_detail = ?, updated_at = ?"
            + " WHERE id = ?",
        state,
        code,
        detail,
        now.toEpochMilli(),
        id);
  }

  /** Returns the number of rows still to deliver (pending or sending). */
  public long depth() throws StorageException {
    return store.read(
        "reading the outbox",
        c -> {
          try (PreparedStatement query =
                  c.prepareStatement(
                      "SELECT count(*) FROM deliveries WHERE state IN ('pending', 'sending')");
              ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  /** Returns what was already sent to this phone for this rule, for flood control. */
  public FloodState floodState(String phone, String rule) throws StorageException {
    return store.read(
        "reading flood-control state",
        c -> {
          Instant lastAlert = lastSent(c, phone, rule, "alert");
          Instant lastRecovery = lastSent(c, phone, rule, "recovery");
          String lastKind = lastKind(c, phone, rule);
          if (lastKind == null) {
            // A store written before flood_last existed: order the two kinds by send time.
            lastKind =
                lastRecovery != null && (lastAlert == null || lastRecovery.isAfter(lastAlert))
                    ? "recovery"
                    : "alert";
          }
          return lastAlert == null
              ? FloodState.NOTHING_SENT
              : new FloodState(lastAlert, "recovery".equals(lastKind));
        });
  }

  private static Instant lastSent(Connection c, String phone, String rule, String kind)
      throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT last_sent_at FROM flood_state WHERE phone = ? AND rule = ? AND kind = ?")) {
      query.setString(1, phone);
      query.setString(2, rule);
      query.setString(3, kind);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Instant.ofEpochMilli(rows.getLong(1)) : null;
      }
    }
  }

  private static String lastKind(Connection c, String phone, String rule) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT kind FROM flood_last WHERE phone = ? AND rule = ?")) {
      query.setString(1, phone);
      query.setString(2, rule);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private void update(String id, String sql, Object... args) throws StorageException {
    store.inTransaction(
        "updating delivery " + id,
        c -> {
          execute(c, sql, args);
          return null;
        });
  }

  private static void execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
    }
  }

  private static Delivery read(ResultSet rows) throws SQLException {
    long firstAttempt = rows.getLong("first_attempt_at");
    boolean noFirstAttempt = rows.wasNull();
    return new Delivery(
        rows.getString("id"),
        rows.getLong("event_id"),
        rows.getString("rule"),
        rows.getString("kind"),
        rows.getString("phone"),
        rows.getString("template"),
        params(rows.getString("params_json")),
        Duration.ofMillis(rows.getLong("repeat_interval_ms")),
        rows.getString("state"),
        rows.getInt("attempts"),
        Instant.ofEpochMilli(rows.getLong("next_attempt_at")),
        noFirstAttempt ? null : Instant.ofEpochMilli(firstAttempt),
        rows.getInt("lookup_required") != 0,
        rows.getString("last_code"));
  }

  static String paramsJson(Map<String, String> params) {
    try {
      return JSON.writeValueAsString(new LinkedHashMap<>(params));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private static Map<String, String> params(String json) throws SQLException {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException(
          "params_json is not a JSON object of strings: " + e.getOriginalMessage());
    }
  }
}
