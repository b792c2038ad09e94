package dev.walletwatch.receiver.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite store: events, decisions, the outbox and flood-control state in one file. It runs in
 * WAL mode with {@code synchronous=FULL}, so a committed transaction survives a power cut, and uses
 * one connection guarded by a lock because SQLite runs one writer at a time anyway.
 */
public final class Store implements AutoCloseable {
  private static final String[] SCHEMA = {
    """
    CREATE TABLE IF NOT EXISTS events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      received_at INTEGER NOT NULL,
      content_type TEXT,
      raw_body BLOB NOT NULL,
      event_json TEXT NOT NULL,
      transition TEXT,
      title TEXT,
      monitor_id TEXT,
      value TEXT)""",
    """
    CREATE TABLE IF NOT EXISTS decisions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id INTEGER NOT NULL REFERENCES events(id),
      rule TEXT,
      action TEXT NOT NULL,
      reason TEXT NOT NULL)""",
    """
    CREATE TABLE IF NOT EXISTS deliveries (
      id TEXT PRIMARY KEY,
      event_id INTEGER NOT NULL REFERENCES events(id),
      rule TEXT NOT NULL,
      kind TEXT NOT NULL,
      phone TEXT NOT NULL,
      template TEXT NOT NULL,
      params_json TEXT NOT NULL,
      repeat_interval_ms INTEGER NOT NULL,
      state TEXT NOT NULL
        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      first_attempt_at INTEGER,
      lookup_required INTEGER NOT NULL DEFAULT 0,
      last_code TEXT,
      last_detail TEXT,
      provider_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at)",
    "CREATE INDEX IF NOT EXISTS deliveries_event ON deliveries (event_id)",
    "CREATE INDEX IF NOT EXISTS decisions_event ON decisions (event_id)",
    """
    CREATE TABLE IF NOT EXISTS flood_state (
      phone TEXT NOT NULL,
      rule TEXT NOT NULL,
      kind TEXT NOT NULL,
      last_sent_at INTEGER NOT NULL,
      PRIMARY KEY (phone, rule, kind))""",
    // The kind of the last SMS sent to a phone for a rule. Send times alone cannot order an alert
    // and a recovery sent in the same millisecond or across a clock step.
    """
    CREATE TABLE IF NOT EXISTS flood_last (
      phone TEXT NOT NULL,
      rule TEXT NOT NULL,
      kind TEXT NOT NULL,
      PRIMARY KEY (phone, rule))""",
  };

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final EventLog events;
  private final Outbox outbox;
  private final History history;

  private Store(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
    this.events = new EventLog(this);
    this.outbox = new Outbox(this);
    this.history = new History(this);
  }

  /**
   * Opens (and creates when missing) the store at {@code file}. {@code busyTimeout} is how long a
   * write waits for a lock held by another connection before failing.
   */
  public static Store open(Path file, Duration busyTimeout) throws StorageException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.enforceForeignKeys(true);
      config.setBusyTimeout((int) busyTimeout.toMillis());
      // BEGIN IMMEDIATE takes the write lock first, so a busy store fails a transaction before its
      // first statement rather than halfway through.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Connection connection =
          DriverManager.getConnection(
              "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      try (Statement statement = connection.createStatement()) {
        for (String ddl : SCHEMA) {
          statement.executeUpdate(ddl);
        }
      }
      return new Store(file, connection);
    } catch (SQLException | java.io.IOException e) {
      throw new StorageException("cannot open the store " + file + ": " + e.getMessage(), e);
    }
  }

  public EventLog events() {
    return events;
  }

  public Outbox outbox() {
    return outbox;
  }

  public History history() {
    return history;
  }

  public Path file() {
    return file;
  }

  /** A unit of work on the connection; runs inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}): committed when it
   * returns, rolled back when it throws. Between transactions the connection stays in autocommit
   * mode, so it holds no lock that would block another process.
   */
  <T> T inTransaction(String what, Work<T> work) throws StorageException {
    lock.lock();
    try {
      try {
        connection.setAutoCommit(false);
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        throw new StorageException(what + " failed: " + e.getMessage(), e);
      } finally {
        autocommitQuietly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs read-only {@code work} in autocommit mode, taking no write lock. */
  <T> T read(String what, Work<T> work) throws StorageException {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException | RuntimeException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection reports the first failure; a failed rollback adds nothing to it.
    }
  }

  private void autocommitQuietly() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // Only fails on a closed connection, which the next call reports.
    }
  }

  /**
   * The store's condition for {@code /healthz}.
   *
   * @param ok whether the store could be read
   * @param outboxDepth deliveries in {@code pending} or {@code sending}
   * @param oldestPendingCreatedAtMillis creation time of the oldest of those, or null
   * @param failedDeliveries deliveries that ended in {@code failed}
   * @param lastFailedCode the provider code of the most recently failed delivery, or null
   * @param error why the store could not be read, or null
   */
  public record Health(
      boolean ok,
      long outboxDepth,
      Long oldestPendingCreatedAtMillis,
      long failedDeliveries,
      String lastFailedCode,
      String error) {}

  /**
   * Checks that the store can be read and measures the outbox; a failure is returned, not thrown.
   */
  public Health health() {
    try {
      return read(
          "health check",
          c -> {
            long depth;
            Long oldest;
            try (PreparedStatement statement =
                    c.prepareStatement(
                        "SELECT count(*), min(created_at) FROM deliveries"
                            + " WHERE state IN ('pending', 'sending')");
                ResultSet rows = statement.executeQuery()) {
              rows.next();
              depth = rows.getLong(1);
              long created = rows.getLong(2);
              oldest = rows.wasNull() ? null : created;
            }
            try (PreparedStatement statement =
                    c.prepareStatement(
                        "SELECT count(*), (SELECT last_code FROM deliveries WHERE state = 'failed'"
                            + " ORDER BY updated_at DESC LIMIT 1)"
                            + " FROM deliveries WHERE state = 'failed'");
                ResultSet rows = statement.executeQuery()) {
              rows.next();
              return new Health(true, depth, oldest, rows.getLong(1), rows.getString(2), null);
            }
          });
    } catch (StorageException e) {
      return new Health(false, -1, null, -1, null, e.getMessage());
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing at shutdown: every transaction was already committed or rolled back.
    } finally {
      lock.unlock();
    }
  }
}
