package questlog.profiles.ffxiv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
 * FFXIV Collect's character summary ({@code GET characters/{id}?ids=1}): counts and owned ids of
 * mounts, minions and achievements. Its JSON 404 (a character nobody added on the site yet) and
 * 403 (its owner made it private there) are answers, not failures: the character simply has no
 * collections. Its 429 carries {@code Retry-After}, which the upstream layer honours.
 */
final class FfxivCollectClient implements AutoCloseable {
    static final String NAME = "FFXIV Collect";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What FFXIV Collect said about a character. */
    record Answer(String status, FfxivSnapshot.Collections collections) {}

    private final UpstreamClient collect;

    FfxivCollectClient(FfxivSettings settings) {
        this.collect = new UpstreamClient(policy(settings), FfxivCollectClient::check);
    }

    static UpstreamPolicy policy(FfxivSettings settings) {
        return UpstreamPolicy.of(NAME, settings.collectBaseUrl())
                .withRequestInterval(settings.requestInterval())
                .withMaxInFlight(1)
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMax())
                .withTimeouts(settings.callTimeout(), Duration.ofSeconds(10))
                .withHeader("Accept", "application/json");
    }

    /** A JSON 404 or 403 about the character is an answer; an HTML one (a wrong URL, a proxy) is not. */
    private static void check(UpstreamResponse response, RateControl rate) {
        if (response.status() == 404 || response.status() == 403) {
            if (isJsonError(response.body())) {
                return;
            }
            throw new UpstreamException.BadResponse(NAME, response.status(), "FFXIV Collect answered an HTML "
                    + response.status() + " page instead of its JSON error (is FFXIVCOLLECT_BASE_URL right?)", null);
        }
        ResponseCheck.STANDARD.check(response, rate);
    }

    Answer character(String characterId) {
        UpstreamResponse response;
        try {
            response = collect.execute(collect.request(collect.url("characters/" + characterId).newBuilder()
                    .addQueryParameter("ids", "1").build()).build());
        } catch (UpstreamException e) {
            throw ProfileException.from(e);
        }
        if (response.status() == 404) {
            return new Answer(FfxivSnapshot.COLLECTIONS_NOT_LISTED, null);
        }
        if (response.status() == 403) {
            return new Answer(FfxivSnapshot.COLLECTIONS_PRIVATE, null);
        }
        JsonNode root = read(response.body());
        if (!root.isObject() || !root.path("mounts").isObject() || !root.path("minions").isObject()
                || !root.path("achievements").isObject()) {
            throw bad("its character summary has no mounts, minions or achievements");
        }
        JsonNode achievements = root.get("achievements");
        return new Answer(FfxivSnapshot.COLLECTIONS_OK, new FfxivSnapshot.Collections(
                instant(root.path("last_parsed")),
                new FfxivSnapshot.Achievements(achievements.path("count").asInt(0),
                        achievements.path("total").asInt(0), achievements.path("points").asInt(0),
                        achievements.path("public").asBoolean(true), ids(achievements)),
                collection(root.get("mounts")), collection(root.get("minions"))));
    }

    UpstreamStats stats() {
        return collect.stats();
    }

    @Override
    public void close() {
        collect.close();
    }

    private static FfxivSnapshot.Collection collection(JsonNode node) {
        return new FfxivSnapshot.Collection(node.path("count").asInt(0), node.path("total").asInt(0), ids(node));
    }

    private static List<Integer> ids(JsonNode node) {
        List<Integer> ids = new ArrayList<>();
        for (JsonNode id : node.path("ids")) {
            if (!id.canConvertToInt()) {
                throw bad("an owned id is not a number");
            }
            ids.add(id.asInt());
        }
        ids.sort(null);
        return ids;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw bad("last_parsed is not a timestamp");
        }
    }

    private static JsonNode read(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null) {
                throw bad("it answered nothing");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw bad(body.stripLeading().startsWith("<") ? "it answered an HTML page" : "it answered something other than JSON");
        }
    }

    private static boolean isJsonError(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() && root.has("error");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static ProfileException bad(String what) {
        return new ProfileException(Reason.BAD_RESPONSE, "FFXIV Collect's answer could not be read: " + what);
    }
}
