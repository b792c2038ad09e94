package dev.walletwatch.receiver.sms.aliyun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.Phones;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.SmsProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through Aliyun's SendSms and looks earlier sends up with QuerySendDetails (Dysmsapi
 * 2017-05-25), signing each attempt anew with the configured signature version.
 *
 * <p>SendSms is not idempotent, so the HTTP client never resends it on its own: OkHttp's retry on
 * connection failure and redirects are off for it, and a failure after the request started is
 * reported as {@link Outcome#UNKNOWN} for the worker to {@link #lookup} first. QuerySendDetails
 * only reads, so OkHttp may retry it. Secrets never reach logs or results, and phone numbers appear
 * only masked.
 */
public final class AliyunSmsProvider implements SmsProvider {
  private static final Logger log = LoggerFactory.getLogger(AliyunSmsProvider.class);

  /** Aliyun keeps send records by the China Standard Time day. */
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** QuerySendDetails' maximum page size. */
  static final int PAGE_SIZE = 50;

  /** Pages read per day before giving up: 1,000 records for one phone in one day. */
  private static final int MAX_PAGES = 20;

  /** QuerySendDetails accepts send dates within the last 30 days. */
  private static final int MAX_LOOKUP_DAYS = 30;

  private final AliyunSettings settings;
  private final HttpUrl endpoint;
  private final OkHttpClient sendHttp;
  private final OkHttpClient lookupHttp;
  private final AliyunRequestSigner signer;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  /** Creates a provider with its own HTTP client and the system clock. */
  public AliyunSmsProvider(AliyunSettings settings) {
    this(settings, new OkHttpClient(), Clock.systemUTC());
  }

  /**
   * Creates a provider on top of {@code baseClient} with {@code clock} for timestamps and send
   * dates. Its dispatcher is shared, and its pool is shared by lookups only. The settings' timeouts
   * replace its own.
   *
   * @throws IllegalArgumentException if {@code settings.endpoint()} is not an http or https URL
   */
  public AliyunSmsProvider(AliyunSettings settings, OkHttpClient baseClient, Clock clock) {
    this(settings, baseClient, AliyunRequestSigner.withRandomNonces(settings, clock), clock);
  }

  AliyunSmsProvider(
      AliyunSettings settings, OkHttpClient baseClient, AliyunRequestSigner signer, Clock clock) {
    this.settings = settings;
    this.endpoint = parseEndpoint(settings.endpoint());
    this.signer = signer;
    this.clock = clock;
    OkHttpClient http =
        baseClient
            .newBuilder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .eventListenerFactory(AliyunSmsProvider::progressListener)
            .build();
    // Each SendSms goes on a new connection that is closed after the response. OkHttp 5.5 reuses
    // a pooled connection idle for under 10 s without checking it (IDLE_CONNECTION_HEALTHY_NS),
    // and a server may have closed it without a "Connection: close" header, as HTTP/1.0 servers
    // and gateways with a short keep-alive do. SendSms is not idempotent and the silent retry is
    // off, so a request written to such a connection fails after it started. Every send would
    // then end as an unknown outcome, followed by a lookup and the same failure.
    this.sendHttp =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    // A lookup is safe to repeat, so OkHttp may retry it on a new connection when a pooled one
    // turns out to be closed.
    this.lookupHttp = http.newBuilder().retryOnConnectionFailure(true).build();
  }

  @Override
  public String name() {
    return "aliyun";
  }

  @Override
  public SendResult send(SmsMessage message) {
    SendResult result = attemptSend(message);
    if (result.outcome() == Outcome.SENT) {
      log.info(
          "sms accepted outId={} phone={} template={} bizId={}",
          message.outId(),
          Phones.mask(message.phone()),
          message.templateCode(),
          result.providerId());
    } else {
      log.warn(
          "sms not accepted outcome={} code={} outId={} phone={} template={} detail={}",
          result.outcome(),
          result.code(),
          message.outId(),
          Phones.mask(message.phone()),
          message.templateCode(),
          result.detail());
    }
    return result;
  }

  private SendResult attemptSend(SmsMessage message) {
    Map<String, String> params;
    try {
      params = sendParams(message);
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return new SendResult(Outcome.PERMANENT, "invalid.request", e.getMessage(), null, null);
    }
    RequestProgress progress = new RequestProgress();
    Request request;
    try {
      request = signer.sign(endpoint, "POST", "SendSms", params);
    } catch (IllegalArgumentException e) {
      return new SendResult(Outcome.PERMANENT, "invalid.request", e.getMessage(), null, null);
    }
    request = request.newBuilder().tag(RequestProgress.class, progress).build();
    try (Response response = sendHttp.newCall(request).execute()) {
      String body = response.body().string();
      JsonNode answer = parseJson(body);
      return AliyunFailureClassifier.classifyAnswer(
          response.code(), text(answer, "Code"), text(answer, "Message"), text(answer, "BizId"));
    } catch (IOException e) {
      return AliyunFailureClassifier.classifyFailure(e, progress.started);
    }
  }

  /** Builds SendSms' operation parameters, leaving out the optional ones that are empty. */
  private Map<String, String> sendParams(SmsMessage message) throws JsonProcessingException {
    if (message.phone().isBlank()) {
      throw new IllegalArgumentException("phone number is empty; set it in the rule's phones");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("PhoneNumbers", message.phone());
    params.put("SignName", settings.signName());
    params.put("TemplateCode", message.templateCode());
    if (!message.params().isEmpty()) {
      // A map of String to String serialises every value as a JSON string, as Aliyun requires,
      // and Jackson writes a line break as the escape \n rather than a raw newline.
      params.put("TemplateParam", json.writeValueAsString(new TreeMap<>(message.params())));
    }
    if (!message.outId().isEmpty()) {
      params.put("OutId", message.outId());
    }
    return params;
  }

  /**
   * Searches QuerySendDetails for a record with {@code message.outId()} on each China Standard Time
   * day from {@code firstAttempt} to today, because retries may have crossed midnight.
   */
  @Override
  public LookupResult lookup(SmsMessage message, Instant firstAttempt) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
    LocalDate day = LocalDate.ofInstant(firstAttempt, CHINA);
    LocalDate oldest = today.minusDays(MAX_LOOKUP_DAYS - 1);
    if (day.isBefore(oldest)) {
      day = oldest;
    }
    try {
      for (; !day.isAfter(today); day = day.plusDays(1)) {
        if (foundOn(message, day)) {
          log.info(
              "sms lookup found outId={} phone={} sendDate={}",
              message.outId(),
              Phones.mask(message.phone()),
              day.format(SEND_DATE));
          return LookupResult.FOUND;
        }
      }
    } catch (LookupFailedException e) {
      log.warn(
          "sms lookup failed outId={} phone={} reason={}",
          message.outId(),
          Phones.mask(message.phone()),
          e.getMessage());
      return LookupResult.UNKNOWN;
    }
    log.info(
        "sms lookup not found outId={} phone={}", message.outId(), Phones.mask(message.phone()));
    return LookupResult.NOT_FOUND;
  }

  private boolean foundOn(SmsMessage message, LocalDate day) throws LookupFailedException {
    for (int page = 1; page <= MAX_PAGES; page++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("PhoneNumber", lookupNumber(message.phone()));
      params.put("SendDate", day.format(SEND_DATE));
      params.put("PageSize", Integer.toString(PAGE_SIZE));
      params.put("CurrentPage", Integer.toString(page));
      JsonNode answer = query(params);
      JsonNode records = answer.path("SmsSendDetailDTOs").path("SmsSendDetailDTO");
      for (JsonNode record : records) {
        if (message.outId().equals(record.path("OutId").asText(null))) {
          return true;
        }
      }
      long total = answer.path("TotalCount").asLong(0);
      if (records.size() == 0 || (long) page * PAGE_SIZE >= total) {
        return false;
      }
    }
    throw new LookupFailedException("more than " + MAX_PAGES * PAGE_SIZE + " records in one day");
  }

  private JsonNode query(Map<String, String> params) throws LookupFailedException {
    Request request;
    try {
      request = signer.sign(endpoint, "POST", "QuerySendDetails", params);
    } catch (IllegalArgumentException e) {
      throw new LookupFailedException(e.getMessage());
    }
    try (Response response = lookupHttp.newCall(request).execute()) {
      JsonNode answer = parseJson(response.body().string());
      String code = text(answer, "Code");
      if (response.code() / 100 != 2 || !"OK".equals(code)) {
        throw new LookupFailedException(
            AliyunFailureClassifier.detail(
                "HTTP " + response.code() + " Code " + code, text(answer, "Message")));
      }
      return answer;
    } catch (IOException e) {
      throw new LookupFailedException(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Writes a phone number as QuerySendDetails documents it: a mainland number as its 11 digits,
   * others as country code and number without {@code +} or {@code 00}.
   */
  // NOTE: SendSms accepts +86, 0086 and 86 prefixes; whether QuerySendDetails does is not
  // documented, so the prefix is removed here.
  static String lookupNumber(String phone) {
    String digits = phone.strip();
    if (digits.startsWith("+86")) {
      return digits.substring(3);
    }
    if (digits.startsWith("0086")) {
      return digits.substring(4);
    }
    if (digits.startsWith("86") && digits.length() == 13) {
      return digits.substring(2);
    }
    if (digits.startsWith("+")) {
      return digits.substring(1);
    }
    if (digits.startsWith("00")) {
      return digits.substring(2);
    }
    return digits;
  }

  private JsonNode parseJson(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return json.missingNode();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() ? value.asText() : null;
  }

  private static HttpUrl parseEndpoint(String endpoint) {
    HttpUrl url = HttpUrl.parse(endpoint);
    if (url == null) {
      throw new IllegalArgumentException(
          "sms.aliyun.endpoint '"
              + endpoint
              + "' is not an http or https URL; use https://dysmsapi.aliyuncs.com");
    }
    return url;
  }

  @Override
  public void close() {
    sendHttp.connectionPool().evictAll();
    lookupHttp.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "AliyunSmsProvider[endpoint=" + endpoint + ", signature=" + settings.signature() + "]";
  }

  private static EventListener progressListener(Call call) {
    RequestProgress progress = call.request().tag(RequestProgress.class);
    return progress == null ? EventListener.NONE : progress;
  }

  /** Records whether OkHttp began writing the request, which decides RETRY against UNKNOWN. */
  private static final class RequestProgress extends EventListener {
    private volatile boolean started;

    @Override
    public void requestHeadersStart(Call call) {
      started = true;
    }
  }

  /** A QuerySendDetails call that failed or returned a Code other than OK. */
  private static final class LookupFailedException extends Exception {
    LookupFailedException(String message) {
      super(message);
    }
  }
}
