package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.config.Secret;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider against a gateway that closes each connection after its response without saying
 * {@code Connection: close}, as an HTTP/1.0 server does. The client keeps such a connection in its
 * pool although the server has closed it.
 */
class AliyunClosedConnectionTest {
  private static final String KEY_ID = "LTAI-closed-connection";
  private static final String SECRET = "closed-connection-secret-0123";
  private static final String PHONE = "+8613812345678";

  private final OkHttpClient client = new OkHttpClient();
  private final List<String> actions = new ArrayList<>();
  private final List<String> signatureFailures = new ArrayList<>();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    StandInSignatureCheck signatures = new StandInSignatureCheck(KEY_ID, SECRET, Clock.systemUTC());
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            Map<String, String> params = StandInSignatureCheck.requestParams(request);
            String action = params.getOrDefault("Action", request.getHeaders().get("x-acs-action"));
            String failure = signatures.verify(request, params);
            synchronized (actions) {
              actions.add(action);
              if (failure != null) {
                signatureFailures.add(failure);
              }
            }
            String body =
                "SendSms".equals(action)
                    ? "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900^1\",\"RequestId\":\"r\"}"
                    : "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"q\",\"TotalCount\":0,"
                        + "\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[]}}";
            return new MockResponse.Builder()
                .code(200)
                .body(body)
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private AliyunSmsProvider provider(SignatureVersion version) {
    AliyunSettings settings =
        new AliyunSettings(
            KEY_ID,
            Secret.of(SECRET),
            "http://127.0.0.1:" + server.getPort() + "/",
            "云通信产品",
            version,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));
    return new AliyunSmsProvider(settings, client, Clock.systemUTC());
  }

  private static SmsMessage message(String outId) {
    return new SmsMessage(PHONE, "SMS_000000", Map.of("value", "4.99"), outId);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void sendAfterLookupReachesServer(SignatureVersion version) {
    AliyunSmsProvider provider = provider(version);

    LookupResult found = provider.lookup(message("d-1"), Instant.now());
    SendResult sent = provider.send(message("d-1"));

    assertThat(found).isEqualTo(LookupResult.NOT_FOUND);
    assertThat(sent.outcome()).as(sent.detail()).isEqualTo(Outcome.SENT);
    assertThat(actions).containsExactly("QuerySendDetails", "SendSms");
    assertThat(signatureFailures).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void secondSendReachesServer(SignatureVersion version) {
    AliyunSmsProvider provider = provider(version);

    SendResult first = provider.send(message("d-2"));
    SendResult second = provider.send(message("d-3"));

    assertThat(first.outcome()).as(first.detail()).isEqualTo(Outcome.SENT);
    assertThat(second.outcome()).as(second.detail()).isEqualTo(Outcome.SENT);
    assertThat(actions).containsExactly("SendSms", "SendSms");
    assertThat(signatureFailures).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void secondLookupReachesServer(SignatureVersion version) {
    AliyunSmsProvider provider = provider(version);

    LookupResult first = provider.lookup(message("d-4"), Instant.now());
    LookupResult second = provider.lookup(message("d-4"), Instant.now());

    assertThat(first).isEqualTo(LookupResult.NOT_FOUND);
    assertThat(second).isEqualTo(LookupResult.NOT_FOUND);
    assertThat(actions).containsExactly("QuerySendDetails", "QuerySendDetails");
    assertThat(signatureFailures).isEmpty();
  }
}
