package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.TestDatabase;

/**
 * With the default settings, webhooks go to public addresses only: loopback, private, link-local
 * (cloud metadata) and other non-public targets are refused at registration and again at every
 * delivery, after DNS resolution. Host names resolve through a table the test controls (no real
 * DNS), which also plays a DNS rebinding: a name that was public at registration and points to the
 * receiver on 127.0.0.1 at delivery.
 */
class WebhookTargetsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static final Duration WAIT = Duration.ofSeconds(10);

    final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
    final WebhookTargets.Resolver resolver = host -> {
        List<InetAddress> addresses = dns.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host + ": not in the test's table");
        }
        return addresses;
    };
    RealtimeServer server;
    WebhookReceiver receiver;

    @BeforeEach
    void start() {
        server = new RealtimeServer(db, RealtimeServer.fast().withWebhookAllowPrivate(false),
                Optional.of(RealtimeServer.SECRETS), resolver);
        receiver = new WebhookReceiver(WebhookTest.SECRET);
    }

    @AfterEach
    void stop() {
        server.jdbi.useHandle(h -> h.execute("DELETE FROM webhook"));
        server.close();
        receiver.close();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> register(String url) throws Exception {
        return server.send("POST", "/api/webhooks", TestJson.MAPPER.writeValueAsString(
                Map.of("url", url, "secret", WebhookTest.SECRET)));
    }

    JsonNode state(RealtimeServer on, String id) throws Exception {
        return TestJson.MAPPER.readTree(on.get("/api/webhooks/" + id).body());
    }

    JsonNode awaitError(RealtimeServer on, String id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode state = state(on, id);
        while (state.get("last_error").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            state = state(on, id);
        }
        return state;
    }

    @Test
    void loopbackPrivateAndMetadataTargetsAreRefusedAtRegistration() throws Exception {
        dns.put("intranet.example.test", List.of(ip("10.0.0.7")));
        dns.put("split.example.test", List.of(ip("93.184.216.34"), ip("192.168.1.20")));
        dns.put("metadata.example.test", List.of(ip("::ffff:169.254.169.254")));
        for (String url : List.of("http://127.0.0.1:9/hook", "http://localhost/hook", "https://api.localhost/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook", "http://172.20.0.5/hook",
                "http://192.168.0.10/hook", "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://224.0.0.1/hook",
                "http://[::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook",
                "http://127.1/hook", "http://2130706433/hook", "http://intranet.example.test/hook",
                "http://split.example.test/hook", "https://metadata.example.test/hook")) {
            HttpResponse<String> refused = register(url);

            assertThat(refused.statusCode()).as(url + " " + refused.body()).isEqualTo(422);
            JsonNode errors = TestJson.MAPPER.readTree(refused.body()).get("errors");
            assertThat(errors.findValuesAsText("field")).as(url).containsExactly("url");
        }
        assertThat(register("http://169.254.169.254/").body()).contains("not a public address")
                .contains("QUESTLOG_WEBHOOK_ALLOW_PRIVATE");
        assertThat(register("http://intranet.example.test/").body()).contains("10.0.0.7");
        long stored = server.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void publicTargetsAndNamesThatDoNotResolveYetAreAccepted() throws Exception {
        dns.put("hooks.example.test", List.of(ip("93.184.216.34"), ip("2606:2800:220:1:248:1893:25c8:1946")));

        assertThat(register("https://hooks.example.test/questlog").statusCode()).isEqualTo(201);
        assertThat(register("http://93.184.216.34:8080/hook").statusCode()).isEqualTo(201);
        assertThat(register("http://[2606:4700:4700::1111]/hook").statusCode()).isEqualTo(201);
        // DNS may be down for a moment; every delivery checks the name again.
        assertThat(register("https://not-yet.example.test/hook").statusCode()).isEqualTo(201);
    }

    @Test
    void aNameThatResolvesToAPrivateAddressAtDeliveryIsRefusedThen() throws Exception {
        String host = "rebind.example.test";
        dns.put(host, List.of(ip("93.184.216.34")));
        String url = receiver.url().replace("127.0.0.1", host);
        HttpResponse<String> created = register(url);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestJson.MAPPER.readTree(created.body()).get("id").asText();

        dns.put(host, List.of(ip("127.0.0.1"))); // the name now points at this machine
        server.append(EventTypes.GAME_ADDED, Map.of("game", "xenogears"));

        JsonNode state = awaitError(server, id);
        assertThat(state.get("last_error").asText()).contains(host).contains("127.0.0.1")
                .contains("not a public address");
        assertThat(receiver.attempts.get()).isZero();
    }

    @Test
    void anIpTargetStoredBeforeTheRuleIsRefusedAtDelivery() throws Exception {
        // As if registered by an older version, or while private targets were allowed.
        String id = server.jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO webhook (url, last_event_id) VALUES (:url, (SELECT coalesce(max(id), 0) FROM event))
                RETURNING id""").bind("url", receiver.url()).mapTo(String.class).one());

        server.append(EventTypes.GAME_ADDED, Map.of("game", "grandia"));

        assertThat(awaitError(server, id).get("last_error").asText()).contains("127.0.0.1").contains("not a public address");
        assertThat(receiver.attempts.get()).isZero();
    }

    @Test
    void withPrivateTargetsAllowedTheSameNameIsDeliveredToTheAddressItResolvesTo() throws Exception {
        server.close();
        server = new RealtimeServer(db, RealtimeServer.fast(), Optional.of(RealtimeServer.SECRETS), resolver);
        String host = "receiver.example.test"; // exists only in the test's table: OkHttp connects where it says
        dns.put(host, List.of(ip("127.0.0.1")));
        HttpResponse<String> created = register(receiver.url().replace("127.0.0.1", host));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        long event = server.append(EventTypes.GAME_ADDED, Map.of("game", "terranigma"));

        List<WebhookReceiver.Delivery> got = receiver.take(1, WAIT);
        assertThat(got).extracting(WebhookReceiver.Delivery::eventId).containsExactly(Long.toString(event));
        assertThat(got).allMatch(WebhookReceiver.Delivery::signatureValid);
    }
}
