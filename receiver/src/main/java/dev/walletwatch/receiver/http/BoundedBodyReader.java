package dev.walletwatch.receiver.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while bytes are awaited: it requests a callback
 * ({@code demand}) when no content is ready. The body is cut off at {@code limit} bytes (never
 * buffered beyond it), and a body not complete within {@code deadline} fails, so a client sending
 * one byte a second cannot keep the request open.
 */
final class BoundedBodyReader implements Runnable {
  /** Receives exactly one of the outcomes. */
  interface Listener {
    void onBody(byte[] body);

    void onTooLarge();

    void onTimeout();

    void onFailure(Throwable failure);
  }

  private final Request request;
  private final int limit;
  private final Listener listener;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final AtomicBoolean finished = new AtomicBoolean();
  private Scheduler.Task timeout;

  BoundedBodyReader(Request request, int limit, Listener listener) {
    this.request = request;
    this.limit = limit;
    this.listener = listener;
  }

  void start(Duration deadline) {
    timeout =
        request
            .getComponents()
            .getScheduler()
            .schedule(this::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
    run();
  }

  private void expire() {
    if (finished.compareAndSet(false, true)) {
      listener.onTimeout();
    }
  }

  /** Reads what is available, then requests a callback for when more arrives. */
  @Override
  public void run() {
    while (!finished.get()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        chunk.release();
        finish(() -> listener.onFailure(chunk.getFailure()));
        return;
      }
      ByteBuffer bytes = chunk.getByteBuffer();
      if (buffer.size() + bytes.remaining() > limit) {
        chunk.release();
        finish(listener::onTooLarge);
        return;
      }
      byte[] copy = new byte[bytes.remaining()];
      bytes.get(copy);
      buffer.writeBytes(copy);
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        finish(() -> listener.onBody(buffer.toByteArray()));
        return;
      }
    }
  }

  private void finish(Runnable outcome) {
    if (finished.compareAndSet(false, true)) {
      timeout.cancel();
      outcome.run();
    }
  }
}
