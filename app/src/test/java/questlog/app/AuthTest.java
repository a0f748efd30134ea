package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.Access;
import questlog.testsupport.TestDatabase;
import questlog.common.Json;

/** The real Auth and ApiTokens in front of three tagged routes, public and private. */
class AuthTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String STATIC_KEY = "static-key-0123456789";
    static ApiTokens tokens;
    static Javalin publicApp;
    static Javalin privateApp;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Jdbi jdbi = Jdbi.create(db.dataSource()).installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin())
                .installPlugin(new org.jdbi.v3.postgres.PostgresPlugin());
        tokens = new ApiTokens(jdbi, Clock.systemUTC(), Optional.of(STATIC_KEY));
        publicApp = app(false);
        privateApp = app(true);
    }

    @AfterAll
    static void stop() {
        publicApp.stop();
        privateApp.stop();
    }

    static Javalin app(boolean privateReads) {
        var problems = new ProblemMappers(Json.objectMapper());
        var auth = new Auth(tokens, privateReads, problems);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            problems.register(config);
            config.routes.beforeMatched(auth);
            config.routes.get("/open", ctx -> ctx.result("open"), Access.PUBLIC);
            config.routes.get("/read", ctx -> ctx.result("read"));
            config.routes.post("/write", ctx -> ctx.result("written"), Access.WRITE);
        }).start("127.0.0.1", 0);
    }

    static HttpResponse<String> call(Javalin app, String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", token.startsWith("Basic") ? token : "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void writesNeedATokenAndAnswerTheOriginalUnauthorizedBody() throws Exception {
        var response = call(publicApp, "POST", "/write", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetail.CONTENT_TYPE);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        var body = TestApp.JSON.readTree(response.body());
        assertThat(body.get("detail").asText()).isEqualTo("Unauthorized");
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void issuedTokensWriteUntilRevoked() throws Exception {
        var issued = tokens.create("writer", List.of("read", "write"));
        assertThat(issued.secret()).startsWith("ql_").hasSizeGreaterThan(40);
        assertThat(call(publicApp, "POST", "/write", issued.secret()).body()).isEqualTo("written");
        assertThat(tokens.list()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("writer");
            assertThat(t.lastUsedAt()).isNotNull();
        });
        assertThat(tokens.revoke("writer")).isTrue();
        assertThat(call(publicApp, "POST", "/write", issued.secret()).statusCode()).isEqualTo(401);
        assertThat(tokens.revoke("writer")).isFalse();
    }

    @Test
    void onlyAHashOfTheTokenIsStored() {
        var issued = tokens.create("hashed", List.of("read"));
        String stored = Jdbi.create(db.dataSource()).withHandle(h ->
                h.createQuery("SELECT encode(token_hash, 'hex') FROM api_token WHERE name = 'hashed'").mapTo(String.class).one());
        assertThat(stored).hasSize(64).doesNotContain(issued.secret());
        assertThat(stored).isEqualTo(java.util.HexFormat.of().formatHex(ApiTokens.sha256(issued.secret())));
    }

    @Test
    void readOnlyTokensAreForbiddenToWrite() throws Exception {
        var reader = tokens.create("reader", List.of("read"));
        var response = call(publicApp, "POST", "/write", reader.secret());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("lacks the 'write' scope");
    }

    @Test
    void staticApiKeyIsAcceptedAndNearMissesAreNot() throws Exception {
        assertThat(call(publicApp, "POST", "/write", STATIC_KEY).statusCode()).isEqualTo(200);
        assertThat(call(publicApp, "POST", "/write", STATIC_KEY + "x").statusCode()).isEqualTo(401);
        assertThat(call(publicApp, "POST", "/write", STATIC_KEY.substring(1)).statusCode()).isEqualTo(401);
        assertThat(call(publicApp, "POST", "/write", "ql_not-a-real-token").statusCode()).isEqualTo(401);
        assertThat(call(publicApp, "POST", "/write", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
    }

    @Test
    void readsArePublicUnlessPrivate() throws Exception {
        assertThat(call(publicApp, "GET", "/read", null).statusCode()).isEqualTo(200);
        assertThat(call(privateApp, "GET", "/read", null).statusCode()).isEqualTo(401);
        var reader = tokens.create("private-reader", List.of("read"));
        assertThat(call(privateApp, "GET", "/read", reader.secret()).statusCode()).isEqualTo(200);
        assertThat(call(privateApp, "GET", "/open", null).statusCode()).isEqualTo(200);
    }

    @Test
    void duplicateTokenNamesAreRefused() {
        tokens.create("twice", List.of("read"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.create("twice", List.of("read")))
                .isInstanceOf(ApiTokens.DuplicateNameException.class);
    }
}
