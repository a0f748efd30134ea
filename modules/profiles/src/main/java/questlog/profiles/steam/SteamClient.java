package questlog.profiles.steam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import okhttp3.HttpUrl;
import questlog.upstream.ResponseCheck;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;
import questlog.upstream.UpstreamStats;

/**
 * The Steam Web API: vanity names, player summaries, owned and recently played games,
 * achievements and their schema. Calls go through the upstream HTTP layer
 * ({@link UpstreamClient}): request starts spaced by {@link SteamSettings#requestInterval()},
 * at most {@link SteamSettings#maxInFlight()} open, 429/5xx/timeouts retried with backoff and
 * jitter or after Steam's {@code Retry-After}. What is Steam's own is here: the key as a query
 * parameter, privacy answered as HTTP 200 with an empty {@code response}, HTML error pages for a
 * bad key, and achievements' JSON 400/403 answers. Failures are {@link SteamException}s.
 * Thread-safe; build one per process, since its limits must see every caller.
 */
public final class SteamClient implements AutoCloseable {
    /** GetPlayerSummaries takes at most 100 ids per call. */
    static final int MAX_IDS_PER_SUMMARY = 100;
    /** ResolveVanityURL's "no match". */
    private static final int VANITY_NO_MATCH = 42;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SteamSettings settings;
    private final UpstreamClient steam;

    public SteamClient(SteamSettings settings) {
        this.settings = settings;
        this.steam = new UpstreamClient(policy(settings), ResponseCheck.STANDARD);
    }

    /** Steam's limits as an upstream policy. */
    static UpstreamPolicy policy(SteamSettings settings) {
        Duration connect = settings.callTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.callTimeout()
                : Duration.ofSeconds(10);
        return UpstreamPolicy.of("Steam", settings.baseUrl())
                .withRequestInterval(settings.requestInterval())
                .withMaxInFlight(settings.maxInFlight())
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMax())
                .withTimeouts(settings.callTimeout(), connect)
                .withHeader("Accept", "application/json");
    }

    /**
     * The Steam id of a custom profile URL name ({@code steamcommunity.com/id/<name>}).
     *
     * @throws SteamException.NotFound when no profile has that name
     */
    public String resolveVanityUrl(String vanityName) {
        JsonNode response = object(get("ISteamUser/ResolveVanityURL/v1/", url -> url
                .addQueryParameter("vanityurl", vanityName)
                .addQueryParameter("url_type", "1")), "response");
        int success = response.path("success").asInt(0);
        String steamId = text(response, "steamid");
        if (success == 1 && steamId != null) {
            return steamId;
        }
        if (success == VANITY_NO_MATCH) {
            throw new SteamException.NotFound("No Steam profile has the custom URL name '" + vanityName + "'");
        }
        throw new SteamException.BadResponse("Steam answered ResolveVanityURL with success " + success, null);
    }

    /** One player's summary; {@link SteamException.NotFound} for an id Steam does not know. */
    public SteamPlayer playerSummary(String steamId) {
        return playerSummaries(List.of(steamId)).stream().findFirst()
                .orElseThrow(() -> new SteamException.NotFound("Steam has no account with id " + steamId));
    }

    /** The summaries of the accounts Steam knows among {@code steamIds} (unknown ids are absent), 100 per call. */
    public List<SteamPlayer> playerSummaries(Collection<String> steamIds) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(steamIds));
        List<SteamPlayer> players = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_IDS_PER_SUMMARY) {
            String ids = String.join(",", distinct.subList(from, Math.min(distinct.size(), from + MAX_IDS_PER_SUMMARY)));
            JsonNode response = object(get("ISteamUser/GetPlayerSummaries/v2/",
                    url -> url.addQueryParameter("steamids", ids)), "response");
            for (JsonNode p : response.path("players")) {
                players.add(player(p));
            }
        }
        return players;
    }

    /**
     * Every game the account owns, with names and icons, free games it played included.
     *
     * @throws SteamException.PrivateProfile when Steam withholds the list (a private profile or
     *         private game details: an empty {@code response})
     */
    public OwnedGames ownedGames(String steamId) {
        JsonNode response = object(get("IPlayerService/GetOwnedGames/v1/", url -> url
                .addQueryParameter("steamid", steamId)
                .addQueryParameter("include_appinfo", "true")
                .addQueryParameter("include_played_free_games", "true")), "response");
        if (!response.has("game_count")) {
            throw new SteamException.PrivateProfile("The Steam profile " + steamId + " does not show its games "
                    + "(the profile or its game details are private)");
        }
        List<OwnedGame> games = new ArrayList<>();
        for (JsonNode g : response.path("games")) {
            games.add(game(g));
        }
        return new OwnedGames(steamId, response.path("game_count").asInt(games.size()), games);
    }

    /**
     * Games played in the last two weeks; {@code count} limits them (null for all).
     *
     * @throws SteamException.PrivateProfile when Steam withholds them (an empty {@code response})
     */
    public RecentlyPlayed recentlyPlayed(String steamId, Integer count) {
        JsonNode response = object(get("IPlayerService/GetRecentlyPlayedGames/v1/", url -> {
            url.addQueryParameter("steamid", steamId);
            if (count != null) {
                url.addQueryParameter("count", String.valueOf(count));
            }
        }), "response");
        if (!response.has("total_count")) {
            throw new SteamException.PrivateProfile("The Steam profile " + steamId + " does not show its recent games "
                    + "(the profile or its game details are private)");
        }
        List<OwnedGame> games = new ArrayList<>();
        for (JsonNode g : response.path("games")) {
            games.add(game(g));
        }
        return new RecentlyPlayed(steamId, response.path("total_count").asInt(games.size()), games);
    }

    /**
     * One player's achievements in one game, with English names and unlock times.
     *
     * @throws SteamException.PrivateProfile when the profile hides them (Steam's JSON 403)
     */
    public PlayerAchievements playerAchievements(String steamId, long appId) {
        UpstreamAnswer answer = getAllowingStatsErrors("ISteamUserStats/GetPlayerAchievements/v1/", url -> url
                .addQueryParameter("steamid", steamId)
                .addQueryParameter("appid", String.valueOf(appId))
                .addQueryParameter("l", "english"));
        JsonNode stats = object(answer.body(), "playerstats");
        if (!stats.path("success").asBoolean(false)) {
            String error = text(stats, "error");
            if (answer.status() == 403 || (error != null && error.toLowerCase().contains("not public"))) {
                throw new SteamException.PrivateProfile("The Steam profile " + steamId + " does not show its "
                        + "achievements (the profile is private)");
            }
            if (answer.status() == 400 && error != null && error.toLowerCase().contains("no stats")) {
                return new PlayerAchievements(steamId, appId, null, false, List.of());
            }
            throw new SteamException.BadResponse("Steam refused the achievements of app " + appId
                    + (error == null ? "" : ": " + error), null);
        }
        List<PlayerAchievements.Achievement> achievements = new ArrayList<>();
        for (JsonNode a : stats.path("achievements")) {
            achievements.add(new PlayerAchievements.Achievement(text(a, "apiname"), a.path("achieved").asInt(0) == 1,
                    instant(a, "unlocktime"), text(a, "name"), text(a, "description")));
        }
        return new PlayerAchievements(text(stats, "steamID") == null ? steamId : text(stats, "steamID"), appId,
                text(stats, "gameName"), true, achievements);
    }

    /** The names of a game's achievements and stats (English); empty lists for an app without a schema. */
    public GameSchema schemaForGame(long appId) {
        JsonNode game = object(get("ISteamUserStats/GetSchemaForGame/v2/", url -> url
                .addQueryParameter("appid", String.valueOf(appId))
                .addQueryParameter("l", "english")), "game");
        JsonNode available = game.path("availableGameStats");
        List<GameSchema.SchemaAchievement> achievements = new ArrayList<>();
        for (JsonNode a : available.path("achievements")) {
            achievements.add(new GameSchema.SchemaAchievement(text(a, "name"), text(a, "displayName"),
                    text(a, "description"), a.path("hidden").asInt(0) == 1, text(a, "icon"), text(a, "icongray")));
        }
        List<GameSchema.SchemaStat> stats = new ArrayList<>();
        for (JsonNode s : available.path("stats")) {
            stats.add(new GameSchema.SchemaStat(text(s, "name"), text(s, "displayName"),
                    s.path("defaultvalue").asLong(0)));
        }
        return new GameSchema(appId, text(game, "gameName"), text(game, "gameVersion"), achievements, stats);
    }

    /** What the HTTP layer did so far (requests, retries, failures). */
    public UpstreamStats stats() {
        return steam.stats();
    }

    @Override
    public void close() {
        steam.close();
    }

    // ---- wire ----

    private interface Query {
        void add(HttpUrl.Builder url);
    }

    private record UpstreamAnswer(int status, String body) {}

    private HttpUrl url(String path, Query query) {
        HttpUrl.Builder url = steam.url(path).newBuilder()
                .addQueryParameter("key", settings.apiKey())
                .addQueryParameter("format", "json");
        query.add(url);
        return url.build();
    }

    private String get(String path, Query query) {
        return call(url(path, query), ResponseCheck.STANDARD).body();
    }

    /**
     * GetPlayerAchievements answers a private profile with a JSON 403 and an app without stats with
     * a JSON 400: those are answers, not failures. Steam's HTML 403 for a bad key still is one.
     */
    private UpstreamAnswer getAllowingStatsErrors(String path, Query query) {
        ResponseCheck statsErrors = (response, rate) -> {
            if ((response.status() == 400 || response.status() == 403) && response.body().contains("\"playerstats\"")) {
                return;
            }
            ResponseCheck.STANDARD.check(response, rate);
        };
        return call(url(path, query), statsErrors);
    }

    private UpstreamAnswer call(HttpUrl url, ResponseCheck check) {
        try {
            var response = steam.execute(steam.request(url).build(), check);
            return new UpstreamAnswer(response.status(), response.body());
        } catch (UpstreamException e) {
            throw translate(e);
        }
    }

    private SteamException translate(UpstreamException e) {
        int status = e.status().orElse(0);
        return switch (e) {
            case UpstreamException.RateLimited limited -> new SteamException.RateLimited(
                    "Steam is rate limiting this server (HTTP 429)", limited.retryAfter().orElse(null));
            case UpstreamException.Unavailable down -> new SteamException.UpstreamDown(down.getMessage(), down);
            case UpstreamException.Timeout late -> new SteamException.UpstreamDown(status > 0 ? late.getMessage()
                    : "Steam did not answer within " + settings.callTimeout().toMillis() + " ms", late);
            case UpstreamException.BadCredentials refused -> new SteamException.BadCredentials(
                    "Steam refused the Web API key (HTTP " + status + "); check STEAM_API_KEY");
            case UpstreamException.NotFound missing -> new SteamException.NotFound("Steam has no such resource (HTTP 404)");
            case UpstreamException.BadResponse bad -> new SteamException.BadResponse(
                    "Steam rejected the request (HTTP " + status + ")", bad);
        };
    }

    /** The object under {@code key} of a JSON answer; anything else (an HTML page, a bare array) is a bad answer. */
    private static JsonNode object(String body, String key) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SteamException.BadResponse("Steam answered something other than JSON"
                    + (body.stripLeading().startsWith("<") ? " (an HTML page)" : ""), null);
        }
        if (root == null || !root.isObject() || !root.path(key).isObject()) {
            throw new SteamException.BadResponse("Steam's answer has no '" + key + "' object", null);
        }
        return root.get(key);
    }

    private static SteamPlayer player(JsonNode p) {
        return new SteamPlayer(text(p, "steamid"), text(p, "personaname"), text(p, "profileurl"), text(p, "avatar"),
                text(p, "avatarmedium"), text(p, "avatarfull"), p.path("communityvisibilitystate").asInt(1),
                p.path("profilestate").asInt(0), p.path("personastate").asInt(0), instant(p, "lastlogoff"),
                text(p, "realname"), instant(p, "timecreated"), text(p, "loccountrycode"), text(p, "gameid"),
                text(p, "gameextrainfo"));
    }

    private static OwnedGame game(JsonNode g) {
        if (!g.path("appid").canConvertToLong()) {
            throw new SteamException.BadResponse("Steam listed a game without an appid", null);
        }
        return new OwnedGame(g.path("appid").asLong(), text(g, "name"), g.path("playtime_forever").asInt(0),
                g.path("playtime_2weeks").asInt(0), g.path("playtime_windows_forever").asInt(0),
                g.path("playtime_mac_forever").asInt(0), g.path("playtime_linux_forever").asInt(0),
                g.path("playtime_deck_forever").asInt(0), g.path("playtime_disconnected").asInt(0),
                instant(g, "rtime_last_played"), text(g, "img_icon_url"),
                g.path("has_community_visible_stats").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Unix seconds; Steam's 0 ("never") and absent fields are null. */
    private static Instant instant(JsonNode node, String field) {
        long seconds = node.path(field).asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
    }

    /** For logs and errors: the base URL, never the key. */
    @Override
    public String toString() {
        return "SteamClient[" + settings.baseUrl() + "]";
    }
}
