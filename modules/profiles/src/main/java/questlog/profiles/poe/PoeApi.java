package questlog.profiles.poe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.upstream.RateControl;
import questlog.upstream.ResponseCheck;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;
import questlog.upstream.UpstreamResponse;
import questlog.upstream.UpstreamStats;

/**
 * The official API ({@code GET profile}, {@code GET character}) with the owner's bearer token,
 * through the upstream HTTP layer: every answer's {@code X-Rate-Limit-*} rules set the spacing of
 * later requests ({@link PoeRateLimits}), one request at a time, a 429's {@code Retry-After}
 * honoured before the retry. Before the first answer, requests are spaced by
 * {@link PoeSettings#requestInterval()} (5 s by default), wider than any window Path of Exile
 * announces per request, so the first requests cannot overrun a limit not yet known. Errors are {@code {"error": {"code", "message"}}}.
 */
final class PoeApi implements AutoCloseable {
    static final String NAME = "Path of Exile";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UpstreamClient api;
    private final PoeRateLimits limits = new PoeRateLimits();

    PoeApi(PoeSettings settings) {
        this.api = new UpstreamClient(UpstreamPolicy.of(NAME, settings.baseUrl())
                .withUserAgent(settings.userAgent())
                // The floor only: the announced rules set the real spacing (see below).
                .withRequestInterval(Duration.ofMillis(1))
                .withMaxInFlight(1)
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMin().multipliedBy(8))
                .withMaxRetryAfter(Duration.ofMinutes(5))
                .withTimeouts(settings.callTimeout(), Duration.ofSeconds(10))
                .withHeader("Accept", "application/json"), this::check);
        // Until an answer announced the rules, requests are spaced as cautiously as the settings say.
        api.rate().slowTo(settings.requestInterval());
    }

    private void check(UpstreamResponse response, RateControl rate) {
        limits.update(response, rate);
        if (response.status() == 401) {
            throw new UpstreamException.BadCredentials(NAME, 401, "Path of Exile refused the access token");
        }
        if (response.status() == 403 || (response.status() == 404 && error(response.body()) != null)) {
            return; // the account's own answers: read by the caller
        }
        ResponseCheck.STANDARD.check(response, rate);
    }

    JsonNode profile(String accessToken) {
        return get("profile", accessToken);
    }

    JsonNode characters(String accessToken) {
        return get("character", accessToken);
    }

    PoeRateLimits limits() {
        return limits;
    }

    UpstreamStats stats() {
        return api.stats();
    }

    @Override
    public void close() {
        api.close();
    }

    private JsonNode get(String path, String accessToken) {
        UpstreamResponse response;
        try {
            response = api.execute(api.request(path).header("Authorization", "Bearer " + accessToken).build());
        } catch (UpstreamException.BadCredentials e) {
            throw new ProfileException(Reason.UPSTREAM_DOWN, "Path of Exile refused the owner's token: authorize "
                    + "Questlog again");
        } catch (UpstreamException e) {
            throw ProfileException.from(e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Path of Exile answered "
                    + (response.body().stripLeading().startsWith("<") ? "an HTML page" : "something other than JSON")
                    + " for " + path);
        }
        if (response.status() == 404) {
            throw new ProfileException(Reason.NOT_FOUND, "Path of Exile has no such account (" + error(response.body())
                    + ")");
        }
        if (response.status() == 403) {
            throw new ProfileException(Reason.PRIVATE, "Path of Exile does not let Questlog read this account's "
                    + path + " (the authorization lacks the scope, or the account hides it)");
        }
        return body;
    }

    private static String error(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isObject() ? error.path("message").asText("error " + error.path("code").asInt()) : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
