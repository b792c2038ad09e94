package dev.walletwatch.receiver.testing;

import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.SmsProvider;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMS provider for tests: returns scripted send and lookup results in order (then SENT and
 * NOT_FOUND), and records every call.
 */
public class ScriptedSmsProvider implements SmsProvider {
  private final Deque<SendResult> sendResults = new ArrayDeque<>();
  private final Deque<LookupResult> lookupResults = new ArrayDeque<>();
  public final List<SmsMessage> sends = new CopyOnWriteArrayList<>();
  public final List<SmsMessage> lookups = new CopyOnWriteArrayList<>();

  public static SendResult result(SendResult.Outcome outcome, String code) {
    return new SendResult(outcome, code, "scripted " + code, null, null);
  }

  public synchronized ScriptedSmsProvider thenSend(SendResult... results) {
    sendResults.addAll(List.of(results));
    return this;
  }

  public synchronized ScriptedSmsProvider thenLookup(LookupResult... results) {
    lookupResults.addAll(List.of(results));
    return this;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public synchronized SendResult send(SmsMessage message) {
    sends.add(message);
    SendResult next = sendResults.poll();
    return next != null
        ? next
        : new SendResult(SendResult.Outcome.SENT, "OK", "ok", "biz-" + sends.size(), null);
  }

  @Override
  public synchronized LookupResult lookup(SmsMessage message, Instant firstAttempt) {
    lookups.add(message);
    LookupResult next = lookupResults.poll();
    return next != null ? next : LookupResult.NOT_FOUND;
  }
}
