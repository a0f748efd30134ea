package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeIgdbAuthTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String QUERY = "fields name; where id = 72;";

    private FakeIgdb igdb;

    @BeforeEach
    void start() {
        igdb = FakeIgdb.start(FakeIgdbCatalog.realistic());
        igdb.enforceRateLimit(false);
    }

    @AfterEach
    void stop() {
        igdb.close();
    }

    @Test
    void mintsTokenFromFormBody() {
        HttpResponse<String> response = tokenRequest("", "client_id=fake-client-id&client_secret=fake-client-secret"
                + "&grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = IgdbHttp.json(response);
        assertThat(body.get("access_token").asText()).hasSize(30);
        assertThat(body.get("expires_in").asLong()).isEqualTo(5_011_271L);
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(igdb.tokenRequests()).isEqualTo(1);
    }

    @Test
    void mintsTokenFromQueryString() {
        HttpResponse<String> response = tokenRequest(
                "?client_id=fake-client-id&client_secret=fake-client-secret&grant_type=client_credentials", "");

        assertThat(response.statusCode()).isEqualTo(200);
        String token = IgdbHttp.json(response).get("access_token").asText();
        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretIs403AndUnknownOrMissingParametersAre400() {
        HttpResponse<String> badSecret = tokenRequest("",
                "client_id=fake-client-id&client_secret=nope&grant_type=client_credentials");
        assertThat(badSecret.statusCode()).isEqualTo(403);
        assertThat(IgdbHttp.json(badSecret)).isEqualTo(
                IgdbHttp.json("{\"status\":403,\"message\":\"invalid client secret\"}"));

        HttpResponse<String> badClient = tokenRequest("",
                "client_id=someone-else&client_secret=fake-client-secret&grant_type=client_credentials");
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(IgdbHttp.json(badClient).get("message").asText()).isEqualTo("invalid client");

        HttpResponse<String> missing = tokenRequest("", "client_id=fake-client-id&grant_type=client_credentials");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(IgdbHttp.json(missing).get("message").asText()).isEqualTo("missing client secret");

        assertThat(igdb.tokenRequests()).isEqualTo(3);
    }

    @Test
    void igdbWithoutCredentialsIs401Object() {
        HttpResponse<String> noHeaders = IgdbHttp.send(HttpRequest.newBuilder(URI.create(igdb.igdbBaseUrl() + "games"))
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)).build());

        assertThat(noHeaders.statusCode()).isEqualTo(401);
        JsonNode body = IgdbHttp.json(noHeaders);
        assertThat(body.isObject()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("Authorization Failure. Have you tried:");
        assertThat(body.has("Tip 1")).isTrue();
        assertThat(body.get("Docs").asText()).isEqualTo("https://api-docs.igdb.com/#authentication");
    }

    @Test
    void igdbChecksClientIdAndBearerPrefix() {
        String token = new IgdbHttp(igdb).mintToken();

        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(igdbWith("other-client", "Bearer " + token).statusCode()).isEqualTo(401);
        assertThat(igdbWith(FakeIgdb.CLIENT_ID, token).statusCode()).isEqualTo(401);
        // the client secret is not a token (a common mix-up the 401's tips mention)
        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + FakeIgdb.CLIENT_SECRET).statusCode()).isEqualTo(401);
    }

    @Test
    void expiredTokensAre401UntilANewOneIsMinted() {
        IgdbHttp client = new IgdbHttp(igdb);
        assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);

        igdb.expireTokens();
        HttpResponse<String> expired = client.post("games", QUERY);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(IgdbHttp.json(expired).get("message").asText()).startsWith("Authorization Failure");

        client.mintToken();
        assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);
        assertThat(igdb.tokenRequests()).isEqualTo(2);
    }

    @Test
    void tokensStopWorkingAfterTheirLifetime() throws InterruptedException {
        igdb.setTokenLifetime(Duration.ofSeconds(1));
        IgdbHttp client = new IgdbHttp(igdb);
        HttpResponse<String> minted = tokenRequest("", "client_id=fake-client-id&client_secret=fake-client-secret"
                + "&grant_type=client_credentials");
        assertThat(IgdbHttp.json(minted).get("expires_in").asLong()).isEqualTo(1);

        client.mintToken();
        assertThat(client.post("games", QUERY).statusCode()).isEqualTo(200);
        Thread.sleep(1_100);
        assertThat(client.post("games", QUERY).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheNewest25TokensStayValid() {
        List<String> tokens = new ArrayList<>();
        IgdbHttp client = new IgdbHttp(igdb);
        for (int i = 0; i < 26; i++) {
            tokens.add(client.mintToken());
        }

        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + tokens.get(0)).statusCode()).isEqualTo(401);
        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + tokens.get(1)).statusCode()).isEqualTo(200);
        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + tokens.get(25)).statusCode()).isEqualTo(200);
    }

    @Test
    void validateReportsTheRemainingLifetime() {
        String token = new IgdbHttp(igdb).mintToken();

        HttpResponse<String> valid = IgdbHttp.send(HttpRequest.newBuilder(URI.create(igdb.validateUrl()))
                .header("Authorization", "OAuth " + token).GET().build());
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(IgdbHttp.json(valid).get("client_id").asText()).isEqualTo(FakeIgdb.CLIENT_ID);
        assertThat(IgdbHttp.json(valid).get("expires_in").asLong()).isBetween(5_011_200L, 5_011_271L);

        igdb.expireTokens();
        HttpResponse<String> invalid = IgdbHttp.send(HttpRequest.newBuilder(URI.create(igdb.validateUrl()))
                .header("Authorization", "OAuth " + token).GET().build());
        assertThat(invalid.statusCode()).isEqualTo(401);
    }

    @Test
    void issuedTokensWorkWithoutATokenRequest() {
        String token = igdb.issueToken();

        assertThat(igdbWith(FakeIgdb.CLIENT_ID, "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(igdb.tokenRequests()).isZero();
    }

    private HttpResponse<String> tokenRequest(String query, String form) {
        return IgdbHttp.send(HttpRequest.newBuilder(URI.create(igdb.tokenUrl() + query))
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> igdbWith(String clientId, String authorization) {
        return IgdbHttp.send(HttpRequest.newBuilder(URI.create(igdb.igdbBaseUrl() + "games"))
                .header("Client-ID", clientId)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)).build());
    }
}
