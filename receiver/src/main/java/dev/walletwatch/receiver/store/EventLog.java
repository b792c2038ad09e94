package dev.walletwatch.receiver.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.receiver.datadog.WebhookEvent;
import dev.walletwatch.receiver.rules.Decision;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** The events table and the decisions and outbox rows written with each event. */
public final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;

  EventLog(Store store) {
    this.store = store;
  }

  /**
   * The rows written by {@link #accept}.
   *
   * @param duplicate true when an event with the same key was stored before; nothing was written
   * @param eventId the stored event's row id; for a duplicate, the id of the event stored first
   * @param deliveryIds the outbox rows created, in order
   */
  public record Accepted(boolean duplicate, long eventId, List<String> deliveryIds) {}

  /**
   * Returns the idempotency key of an event: Datadog's {@code $ID} when present, else a hash of the
   * body, so that a repeated delivery of the same body is still stored once.
   */
  public static String idempotencyKey(WebhookEvent event, byte[] rawBody) {
    if (!event.id().isBlank()) {
      return "id:" + event.id().trim();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawBody);
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * Stores the event, its decisions and its outbox rows in one transaction, unless an event with
   * the same idempotency key is already stored. When this returns, the rows are on disk.
   */
  public Accepted accept(
      WebhookEvent event,
      byte[] rawBody,
      String contentType,
      List<Decision> decisions,
      List<NewDelivery> deliveries,
      Instant now)
      throws StorageException {
    String key = idempotencyKey(event, rawBody);
    String eventJson;
    try {
      eventJson = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed event always serializes", e);
    }
    return store.inTransaction(
        "storing event " + key,
        c -> {
          long eventId = insertEvent(c, key, event, rawBody, contentType, eventJson, now);
          if (eventId < 0) {
            return new Accepted(true, storedEventId(c, key), List.of());
          }
          insertDecisions(c, eventId, decisions);
          return new Accepted(false, eventId, insertDeliveries(c, eventId, deliveries, now));
        });
  }

  private static long insertEvent(
      Connection c,
      String key,
      WebhookEvent event,
      byte[] rawBody,
      String contentType,
      String eventJson,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO events (idempotency_key, received_at, content_type, raw_body, event_json,"
                + " transition, title, monitor_id, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (idempotency_key) DO NOTHING")) {
      insert.setString(1, key);
      insert.setLong(2, now.toEpochMilli());
      insert.setString(3, contentType);
      insert.setBytes(4, rawBody);
      insert.setString(5, eventJson);
      insert.setString(6, event.transition() == null ? null : event.transition().label());
      insert.setString(7, event.title());
      insert.setString(8, event.alertId());
      insert.setString(9, event.value() == null ? null : event.value().toPlainString());
      if (insert.executeUpdate() == 0) {
        return -1;
      }
    }
    try (PreparedStatement lastId = c.prepareStatement("SELECT last_insert_rowid()");
        ResultSet rows = lastId.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long storedEventId(Connection c, String key) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT id FROM events WHERE idempotency_key = ?")) {
      query.setString(1, key);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void insertDecisions(Connection c, long eventId, List<Decision> decisions)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO decisions (event_id, rule, action, reason) VALUES (?, ?, ?, ?)")) {
      for (Decision decision : decisions) {
        insert.setLong(1, eventId);
        insert.setString(2, decision.rule());
        insert.setString(3, decision.action().name());
        insert.setString(4, decision.reason());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<String> insertDeliveries(
      Connection c, long eventId, List<NewDelivery> deliveries, Instant now) throws SQLException {
    List<String> ids = new java.util.ArrayList<>();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO deliveries (id, event_id, rule, kind, phone, template, params_json,"
                + " repeat_interval_ms, state, next_attempt_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)")) {
      for (NewDelivery delivery : deliveries) {
        String id = UUID.randomUUID().toString();
        insert.setString(1, id);
        insert.setLong(2, eventId);
        insert.setString(3, delivery.rule());
        insert.setString(4, delivery.kind());
        insert.setString(5, delivery.phone());
        insert.setString(6, delivery.templateCode());
        insert.setString(7, Outbox.paramsJson(delivery.params()));
        insert.setLong(8, delivery.repeatInterval().toMillis());
        insert.setLong(9, now.toEpochMilli());
        insert.setLong(10, now.toEpochMilli());
        insert.setLong(11, now.toEpochMilli());
        insert.addBatch();
        ids.add(id);
      }
      insert.executeBatch();
    }
    return ids;
  }
}
