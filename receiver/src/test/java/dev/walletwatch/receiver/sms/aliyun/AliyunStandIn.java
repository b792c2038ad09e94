package dev.walletwatch.receiver.sms.aliyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * A stand-in for Aliyun's SMS API (Dysmsapi 2017-05-25) on a loopback port, for tests only.
 *
 * <p>It checks what Aliyun checks: every request's V1 ({@code Signature} parameter) or V3 ({@code
 * Authorization: ACS3-HMAC-SHA256}) signature, recomputed from the raw request with the known
 * secret by its own code; the AccessKey id; a timestamp within 15 minutes; a nonce never seen
 * before; the required parameters; and that {@code TemplateParam} is a JSON object of strings of at
 * most 35 characters without URLs. A failed check gets Aliyun's error body. Accepted SendSms calls
 * are recorded, and QuerySendDetails returns records from that list.
 *
 * <pre>{@code
 * try (AliyunStandIn aliyun = AliyunStandIn.start("testId", "testSecret")) {
 *   aliyun.failNext(2, "Throttling.User").hangNext(1);
 *   // point sms.aliyun.endpoint at aliyun.endpoint(), send, then:
 *   assertThat(aliyun.accepted()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Scripted behaviours apply to SendSms calls whose signature and parameters passed, in the order
 * they were scripted. QuerySendDetails always gets a response while the stand-in is up.
 */
public final class AliyunStandIn implements AutoCloseable {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final int MAX_VARIABLE_LENGTH = 35;

  /** One SendSms call that the stand-in accepted. */
  public record SentSms(
      String phone,
      String signName,
      String templateCode,
      Map<String, String> params,
      String outId,
      String bizId,
      Instant receivedAt) {}

  /**
   * One request the stand-in received: its action and the {@code Code} of the response, {@code
   * http.N} for a response without one, or {@code hang} and {@code accept-then-hang} for scripts.
   */
  public record Exchange(String action, String responseCode) {}

  private enum Kind {
    FAIL,
    HANG,
    ACCEPT_THEN_HANG
  }

  private record Script(Kind kind, int httpStatus, String code) {}

  private final StandInSignatureCheck signatures;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Deque<Script> scripts = new ArrayDeque<>();
  private final List<SentSms> accepted = new ArrayList<>();
  private final List<Exchange> exchanges = new ArrayList<>();
  private MockWebServer server;
  private int port;

  private AliyunStandIn(String accessKeyId, String secret, Clock clock) {
    this.signatures = new StandInSignatureCheck(accessKeyId, secret, clock);
    this.clock = clock;
  }

  /** Starts a stand-in on a free loopback port that accepts requests signed with this key. */
  public static AliyunStandIn start(String accessKeyId, String accessKeySecret) throws IOException {
    return start(accessKeyId, accessKeySecret, Clock.systemUTC());
  }

  /** Starts a stand-in whose timestamp check and record times use {@code clock}. */
  public static AliyunStandIn start(String accessKeyId, String accessKeySecret, Clock clock)
      throws IOException {
    AliyunStandIn standIn = new AliyunStandIn(accessKeyId, accessKeySecret, clock);
    standIn.listen(0);
    return standIn;
  }

  /** Returns the endpoint URL to configure as {@code sms.aliyun.endpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port + "/";
  }

  /**
   * Fails the next {@code times} SendSms calls with {@code code}: HTTP 200 for isv and isp codes,
   * 400 otherwise.
   */
  public synchronized AliyunStandIn failNext(int times, String code) {
    int status = code.startsWith("isv.") || code.startsWith("isp.") ? 200 : 400;
    return failNext(times, status, code);
  }

  /** Fails the next {@code times} SendSms calls with {@code httpStatus} and {@code code}. */
  public synchronized AliyunStandIn failNext(int times, int httpStatus, String code) {
    for (int i = 0; i < times; i++) {
      scripts.add(new Script(Kind.FAIL, httpStatus, code));
    }
    return this;
  }

  /** Fails the next {@code times} SendSms calls with HTTP 500 and {@code isp.SYSTEM_ERROR}. */
  public synchronized AliyunStandIn serverErrorNext(int times) {
    return failNext(times, 500, "isp.SYSTEM_ERROR");
  }

  /** Sends no response to the next {@code times} SendSms calls and does not send the SMS. */
  public synchronized AliyunStandIn hangNext(int times) {
    for (int i = 0; i < times; i++) {
      scripts.add(new Script(Kind.HANG, 0, "hang"));
    }
    return this;
  }

  /**
   * Accepts (records) the next {@code times} SendSms calls but sends no response, as when the
   * response is lost on the way back: the client sees a timeout although the SMS went out.
   */
  public synchronized AliyunStandIn acceptThenHangNext(int times) {
    for (int i = 0; i < times; i++) {
      scripts.add(new Script(Kind.ACCEPT_THEN_HANG, 0, "accept-then-hang"));
    }
    return this;
  }

  /** Stops listening, so connections are refused, until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Listens again on the same port after {@link #down()}. */
  public synchronized void up() throws IOException {
    if (server == null) {
      listen(port);
    }
  }

  /** Returns the SendSms calls accepted so far, oldest first. */
  public synchronized List<SentSms> accepted() {
    return List.copyOf(accepted);
  }

  /** Returns every request received so far with its response code, oldest first. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public synchronized void close() {
    down();
  }

  private void listen(int requestedPort) throws IOException {
    MockWebServer next = new MockWebServer();
    next.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return handle(request);
          }
        });
    next.start(InetAddress.getByName("127.0.0.1"), requestedPort);
    server = next;
    port = next.getPort();
  }

  private synchronized MockResponse handle(RecordedRequest request) {
    Map<String, String> params = StandInSignatureCheck.requestParams(request);
    String action = params.getOrDefault("Action", request.getHeaders().get("x-acs-action"));
    return judge(request, params, action);
  }

  private MockResponse judge(RecordedRequest request, Map<String, String> params, String action) {
    String failure = signatures.verify(request, params);
    if (failure != null) {
      return recorded(action, error(400, failure));
    }
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue().isEmpty()) {
        return recorded(
            action, error(400, "MissingParameter", "parameter " + param.getKey() + " is empty"));
      }
    }
    if ("SendSms".equals(action)) {
      return sendSms(params);
    }
    if ("QuerySendDetails".equals(action)) {
      return recorded(action, querySendDetails(params));
    }
    return recorded(action, error(400, "InvalidAction.NotFound", "unknown action " + action));
  }

  // ---------------------------------------------------------------- actions

  private MockResponse sendSms(Map<String, String> params) {
    for (String required : List.of("PhoneNumbers", "SignName", "TemplateCode")) {
      if (!params.containsKey(required)) {
        return recorded("SendSms", error(400, "MissingParameter", required + " is mandatory"));
      }
    }
    Map<String, String> variables = new TreeMap<>();
    MockResponse invalid = readTemplateParam(params.get("TemplateParam"), variables);
    if (invalid != null) {
      return recorded("SendSms", invalid);
    }
    List<String> phones = List.of(params.get("PhoneNumbers").split(","));
    for (String phone : phones) {
      if (!phone.matches("(\\+86|0086|86)?1\\d{10}|(\\+|00)[1-9]\\d{6,14}")) {
        return recorded("SendSms", business("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"));
      }
    }

    Script script = scripts.poll();
    Kind kind = script == null ? null : script.kind();
    if (kind == Kind.FAIL) {
      MockResponse failure =
          script.httpStatus() / 100 == 2
              ? business(script.code(), "scripted failure")
              : error(script.httpStatus(), script.code(), "scripted failure");
      return recorded("SendSms", failure);
    }
    if (kind == Kind.HANG) {
      exchanges.add(new Exchange("SendSms", "hang"));
      return hang();
    }
    String bizId = (100000 + accepted.size()) + "^" + Math.abs(UUID.randomUUID().hashCode());
    for (String phone : phones) {
      accepted.add(
          new SentSms(
              phone,
              params.get("SignName"),
              params.get("TemplateCode"),
              Map.copyOf(variables),
              params.get("OutId"),
              bizId,
              clock.instant()));
    }
    if (kind == Kind.ACCEPT_THEN_HANG) {
      exchanges.add(new Exchange("SendSms", "accept-then-hang"));
      return hang();
    }
    ObjectNode body = json.createObjectNode();
    body.put("Code", "OK").put("Message", "OK").put("BizId", bizId);
    body.put("RequestId", UUID.randomUUID().toString());
    return recorded("SendSms", new MockResponse.Builder().code(200).body(body.toString()).build());
  }

  /**
   * Parses {@code templateParam} into {@code variables}, or returns Aliyun's error response when it
   * is not a JSON object of strings of at most 35 characters without URLs. Null means no variables.
   */
  private MockResponse readTemplateParam(String templateParam, Map<String, String> variables) {
    if (templateParam == null) {
      return null;
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(templateParam);
    } catch (IOException e) {
      return business("isv.INVALID_JSON_PARAM", "JSON参数不合法");
    }
    if (!parsed.isObject()) {
      return business("isv.INVALID_JSON_PARAM", "JSON参数不合法");
    }
    for (Map.Entry<String, JsonNode> field : parsed.properties()) {
      if (!field.getValue().isTextual()) {
        return business("isv.INVALID_JSON_PARAM", "JSON参数不合法,只接受字符串值");
      }
      String value = field.getValue().textValue();
      if (value.codePointCount(0, value.length()) > MAX_VARIABLE_LENGTH) {
        return business("isv.PARAM_LENGTH_LIMIT", "参数超过长度限制:35");
      }
      if (value.matches("(?is).*(https?://|www\\.).*")) {
        return business("isv.PARAM_NOT_SUPPORT_URL", "不支持url为变量");
      }
      variables.put(field.getKey(), value);
    }
    return null;
  }

  private MockResponse querySendDetails(Map<String, String> params) {
    for (String required : List.of("PhoneNumber", "SendDate", "PageSize", "CurrentPage")) {
      if (!params.containsKey(required)) {
        return error(400, "MissingParameter", required + " is mandatory");
      }
    }
    LocalDate day;
    int pageSize;
    int page;
    try {
      day = LocalDate.parse(params.get("SendDate"), DateTimeFormatter.BASIC_ISO_DATE);
      pageSize = Integer.parseInt(params.get("PageSize"));
      page = Integer.parseInt(params.get("CurrentPage"));
    } catch (DateTimeParseException | NumberFormatException e) {
      return business("isv.INVALID_PARAMETERS", "参数格式错误");
    }
    if (pageSize < 1 || pageSize > 50 || page < 1) {
      return business("isv.INVALID_PARAMETERS", "PageSize must be 1 to 50");
    }

    String phone = nationalNumber(params.get("PhoneNumber"));
    List<SentSms> matching =
        accepted.stream()
            .filter(sms -> nationalNumber(sms.phone()).equals(phone))
            .filter(sms -> LocalDate.ofInstant(sms.receivedAt(), CHINA).equals(day))
            .toList();
    ObjectNode body = json.createObjectNode();
    body.put("Code", "OK").put("Message", "OK").put("RequestId", UUID.randomUUID().toString());
    body.put("TotalCount", matching.size());
    ArrayNode records = body.putObject("SmsSendDetailDTOs").putArray("SmsSendDetailDTO");
    int from = Math.min((page - 1) * pageSize, matching.size());
    for (SentSms sms : matching.subList(from, Math.min(from + pageSize, matching.size()))) {
      records.add(detailRecord(sms));
    }
    return new MockResponse.Builder().code(200).body(body.toString()).build();
  }

  /** Builds one QuerySendDetails record for an accepted SMS, reported as delivered. */
  private ObjectNode detailRecord(SentSms sms) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    ObjectNode record = json.createObjectNode();
    record.put("PhoneNum", nationalNumber(sms.phone()));
    record.put("SendStatus", 3).put("ErrCode", "DELIVERED");
    record.put("TemplateCode", sms.templateCode());
    record.put("Content", "【" + sms.signName() + "】" + sms.params());
    record.put("SendDate", time.format(sms.receivedAt()));
    record.put("ReceiveDate", time.format(sms.receivedAt()));
    if (sms.outId() != null) {
      record.put("OutId", sms.outId());
    }
    return record;
  }

  // ---------------------------------------------------------------- helpers

  private MockResponse recorded(String action, MockResponse response) {
    String responseCode = "http." + response.getCode();
    try {
      JsonNode body = json.readTree(response.getBody() == null ? "{}" : bodyText(response));
      responseCode = body.path("Code").asText(responseCode);
    } catch (IOException e) {
      // Not JSON, so the HTTP status is the response code.
    }
    exchanges.add(new Exchange(action, responseCode));
    return response;
  }

  private static String bodyText(MockResponse response) throws IOException {
    Buffer buffer = new Buffer();
    response.getBody().writeTo(buffer);
    return buffer.readUtf8();
  }

  private MockResponse error(int status, String codeAndMessage) {
    int colon = codeAndMessage.indexOf(": ");
    return error(status, codeAndMessage.substring(0, colon), codeAndMessage.substring(colon + 2));
  }

  private MockResponse error(int status, String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("RequestId", UUID.randomUUID().toString());
    body.put("HostId", "dysmsapi.aliyuncs.com");
    body.put("Code", code).put("Message", message);
    body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code);
    return new MockResponse.Builder().code(status).body(body.toString()).build();
  }

  private MockResponse business(String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("Code", code).put("Message", message).put("RequestId", UUID.randomUUID().toString());
    return new MockResponse.Builder().code(200).body(body.toString()).build();
  }

  private static MockResponse hang() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
  }

  private static String nationalNumber(String phone) {
    String number = phone.strip();
    for (String prefix : List.of("+86", "0086", "+", "00")) {
      if (number.startsWith(prefix)) {
        return number.substring(prefix.length());
      }
    }
    return number.length() == 13 && number.startsWith("86") ? number.substring(2) : number;
  }
}
