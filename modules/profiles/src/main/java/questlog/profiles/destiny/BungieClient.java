package questlog.profiles.destiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
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
 * Bungie.net's Destiny 2 API with {@code X-API-Key}, through the upstream HTTP layer (one limiter
 * for both hosts, since Bungie counts per address). Bungie wraps every answer in an envelope and
 * reports errors in its {@code ErrorCode}, often with HTTP 200; so the check reads the envelope
 * first: throttle codes are retried after {@code ThrottleSeconds}, {@code SystemDisabled} (the
 * weekly maintenance) ends the call at once, and the remaining codes become the profiles core's
 * reasons (unknown account 404, privacy 403, refused key 503). An HTML page where the envelope
 * belongs is a bad answer.
 */
final class BungieClient implements AutoCloseable {
    static final String NAME = "Bungie.net";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /** ThrottleLimitExceeded, ...Minutes, ...Momentarily, ...Seconds, PerEndpointRequestThrottleExceeded, DestinyThrottledByGameServer. */
    private static final Set<Integer> THROTTLED = Set.of(31, 35, 36, 37, 51, 1672);
    private static final int SUCCESS = 1;
    private static final int SYSTEM_DISABLED = 5;
    private static final Map<Integer, Reason> REASONS = Map.of(
            1601, Reason.NOT_FOUND,        // DestinyAccountNotFound
            1653, Reason.NOT_FOUND,        // DestinyPGCRNotFound
            217, Reason.NOT_FOUND,         // UserCannotResolveCentralAccount
            1665, Reason.PRIVATE,          // DestinyPrivacyRestriction
            2101, Reason.UPSTREAM_DOWN,    // ApiInvalidOrExpiredKey
            2102, Reason.UPSTREAM_DOWN,    // ApiKeyMissingFromRequest
            2107, Reason.UPSTREAM_DOWN);   // OriginHeaderDoesNotMatchKey

    private final DestinySettings settings;
    private final UpstreamClient bungie;
    private final HttpUrl statsBase;

    BungieClient(DestinySettings settings) {
        this.settings = settings;
        this.bungie = new UpstreamClient(policy(settings), BungieClient::check);
        this.statsBase = HttpUrl.get(settings.statsBaseUrl());
    }

    static UpstreamPolicy policy(DestinySettings settings) {
        UpstreamPolicy policy = UpstreamPolicy.of(NAME, settings.baseUrl())
                .withRequestInterval(settings.requestInterval())
                .withMaxInFlight(settings.maxInFlight())
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMax())
                .withTimeouts(settings.callTimeout(), Duration.ofSeconds(10))
                .withHeader("Accept", "application/json");
        return settings.apiKey().map(key -> policy.withHeader("X-API-Key", key)).orElse(policy);
    }

    /** The envelope's throttle and maintenance codes, whatever the HTTP status; the rest as usual. */
    private static void check(UpstreamResponse response, RateControl rate) {
        JsonNode envelope = envelope(response.body());
        if (envelope != null) {
            int code = envelope.path("ErrorCode").asInt(0);
            if (THROTTLED.contains(code)) {
                long seconds = envelope.path("ThrottleSeconds").asLong(0);
                throw new UpstreamException.RateLimited(NAME, response.status(), "Bungie.net is throttling requests ("
                        + envelope.path("ErrorStatus").asText("throttled") + ")",
                        seconds > 0 ? Duration.ofSeconds(seconds) : response.retryAfter().orElse(null));
            }
            if (code == SYSTEM_DISABLED) {
                throw new UpstreamException.Unavailable(NAME, response.status(), false,
                        "Bungie.net is down for maintenance (SystemDisabled)", null, null);
            }
            if (code != 0 && response.status() < 500 && response.status() != 429) {
                return; // an envelope with an answer or an error code: the caller reads it
            }
        }
        ResponseCheck.STANDARD.check(response, rate);
    }

    /** Bungie name search: the account cards (one per platform) of "Name#1234". */
    JsonNode searchByBungieName(String name, int code) {
        String body = JSON.createObjectNode().put("displayName", name).put("displayNameCode", code).toString();
        return call(bungie.request("Destiny2/SearchDestinyPlayerByBungieName/-1/")
                .post(RequestBody.create(body, JSON_TYPE)).build(), "the player " + name);
    }

    /** The profile with the given components (100 profiles, 200 characters). */
    JsonNode profile(int membershipType, String membershipId, String components) {
        return call(get(bungie.url("Destiny2/" + membershipType + "/Profile/" + membershipId + "/").newBuilder()
                .addQueryParameter("components", components).build()), "the account " + membershipId);
    }

    /** Aggregate stats, merged and per character. */
    JsonNode accountStats(int membershipType, String membershipId) {
        return call(get(bungie.url("Destiny2/" + membershipType + "/Account/" + membershipId + "/Stats/")),
                "the stats of " + membershipId);
    }

    /** One page (0-based) of a character's activity history, newest first. */
    JsonNode activities(int membershipType, String membershipId, String characterId, int count, int page) {
        return call(get(bungie.url("Destiny2/" + membershipType + "/Account/" + membershipId + "/Character/"
                + characterId + "/Stats/Activities/").newBuilder()
                .addQueryParameter("count", String.valueOf(count))
                .addQueryParameter("mode", "0")
                .addQueryParameter("page", String.valueOf(page)).build()), "the activities of " + characterId);
    }

    /** A post-game carnage report, from the stats host. */
    JsonNode carnageReport(String instanceId) {
        HttpUrl url = statsBase.resolve("Destiny2/Stats/PostGameCarnageReport/" + instanceId + "/");
        return call(get(url), "the activity " + instanceId);
    }

    /** One activity's definition from the manifest (its name). */
    JsonNode activityDefinition(long hash) {
        return call(get(bungie.url("Destiny2/Manifest/DestinyActivityDefinition/" + hash + "/")),
                "the activity definition " + hash);
    }

    UpstreamStats stats() {
        return bungie.stats();
    }

    @Override
    public void close() {
        bungie.close();
    }

    private Request get(HttpUrl url) {
        return bungie.request(url).build();
    }

    /** The envelope's {@code Response}, or the reason its {@code ErrorCode} stands for. */
    private JsonNode call(Request request, String what) {
        if (settings.apiKey().isEmpty()) {
            throw new ProfileException(Reason.UPSTREAM_DOWN, "Destiny 2 profiles need BUNGIE_API_KEY in the "
                    + "configuration (an application key from bungie.net/en/Application)");
        }
        UpstreamResponse response;
        try {
            response = bungie.execute(request);
        } catch (UpstreamException e) {
            throw ProfileException.from(e);
        }
        JsonNode envelope = envelope(response.body());
        if (envelope == null) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Bungie.net answered "
                    + (response.body().stripLeading().startsWith("<") ? "an HTML page" : "something other than its "
                    + "JSON envelope") + " (HTTP " + response.status() + ")");
        }
        int code = envelope.path("ErrorCode").asInt(0);
        if (code == SUCCESS) {
            JsonNode answer = envelope.get("Response");
            if (answer == null || answer.isNull()) {
                throw new ProfileException(Reason.BAD_RESPONSE, "Bungie.net's answer about " + what + " has no Response");
            }
            return answer;
        }
        String status = envelope.path("ErrorStatus").asText("error " + code);
        Reason reason = REASONS.getOrDefault(code, Reason.BAD_RESPONSE);
        String message = switch (reason) {
            case NOT_FOUND -> "Bungie.net has no " + what.replaceFirst("^the ", "") + " (" + status + ")";
            case PRIVATE -> "Bungie.net keeps " + what + " private (" + status + "): the player's privacy settings hide it";
            case UPSTREAM_DOWN -> "Bungie.net refused Questlog's API key (" + status + "): check BUNGIE_API_KEY";
            default -> "Bungie.net refused the request for " + what + " (" + status + ")";
        };
        throw new ProfileException(reason, message);
    }

    /** The envelope of a body, or null when it is not one (an HTML page, other JSON). */
    private static JsonNode envelope(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() && root.has("ErrorCode") ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "BungieClient[" + settings.baseUrl() + "]";
    }
}
