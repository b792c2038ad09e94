package dev.walletwatch.receiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads recent events with their decisions and deliveries, newest first, for {@code history}. */
public final class History {
  private final Store store;

  History(Store store) {
    this.store = store;
  }

  /** One stored event and what came of it. */
  public record Entry(
      long eventId,
      Instant receivedAt,
      String key,
      String transition,
      String title,
      String value,
      List<DecisionRow> decisions,
      List<DeliveryRow> deliveries) {}

  /** A stored decision. */
  public record DecisionRow(String rule, String action, String reason) {}

  /**
   * A stored delivery. {@code phone} is the full number: mask it before showing it.
   *
   * @param lastDetail the reason for the last state change, such as a flood-control note
   */
  public record DeliveryRow(
      String id,
      String rule,
      String kind,
      String phone,
      String state,
      int attempts,
      String lastCode,
      String lastDetail,
      Instant updatedAt) {}

  /** Returns the {@code limit} most recent events. */
  public List<Entry> recent(int limit) throws StorageException {
    return store.read(
        "reading history",
        c -> {
          List<Entry> entries = new ArrayList<>();
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT id, received_at, idempotency_key, transition, title, value FROM events"
                      + " ORDER BY id DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                long id = rows.getLong(1);
                entries.add(
                    new Entry(
                        id,
                        Instant.ofEpochMilli(rows.getLong(2)),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        decisions(c, id),
                        deliveries(c, id)));
              }
            }
          }
          return entries;
        });
  }

  private static List<DecisionRow> decisions(Connection c, long eventId) throws SQLException {
    List<DecisionRow> out = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT rule, action, reason FROM decisions WHERE event_id = ? ORDER BY id")) {
      query.setLong(1, eventId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          out.add(new DecisionRow(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    return out;
  }

  private static List<DeliveryRow> deliveries(Connection c, long eventId) throws SQLException {
    List<DeliveryRow> out = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT id, rule, kind, phone, state, attempts, last_code, last_detail, updated_at"
                + " FROM deliveries WHERE event_id = ? ORDER BY rowid")) {
      query.setLong(1, eventId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          out.add(
              new DeliveryRow(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getInt(6),
                  rows.getString(7),
                  rows.getString(8),
                  Instant.ofEpochMilli(rows.getLong(9))));
        }
      }
    }
    return out;
  }
}
