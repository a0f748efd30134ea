package questlog.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A local Steam Web API over in-memory accounts, for testing Steam clients without the network:
 * <pre>{@code
 * try (FakeSteam steam = FakeSteam.start()) {
 *     steam.account("76561197960287930", "Rabscuttle").vanity("gabelogannewell")
 *             .game(620, "Portal 2", 1380, 1754950000L);
 *     var client = new SteamClient(SteamSettings.defaults(FakeSteam.API_KEY).withBaseUrl(steam.baseUrl()));
 * }
 * }</pre>
 *
 * <p>It speaks Steam's wire format as the project's fact sheet records it: the key in the
 * {@code key} query parameter (a wrong one gets Steam's HTML 403 "Access is denied"), steam ids
 * as JSON strings, a private profile as HTTP 200 with {@code {"response":{}}} for owned and
 * recent games but a JSON 403 for achievements, an app without stats as a JSON 400, an unknown
 * vanity name as {@code success: 42}, unknown ids simply missing from player summaries. Queued
 * {@link Fault}s replace the next answers (429 with or without {@code Retry-After}, Steam's HTML
 * 500, an HTML page where JSON belongs). Every request is recorded.
 */
public final class FakeSteam implements AutoCloseable {
    public static final String API_KEY = "FAKESTEAMKEY0123456789ABCDEF0123";

    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCESS_DENIED = "<html><head><title>Forbidden</title></head><body><h1>Forbidden</h1>"
            + "Access is denied. Retrying will not help. Please verify your <pre>key=</pre> parameter. </body></html>";

    static {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** One request: its path and query parameters (the key included), and the status answered. */
    public record Recorded(String path, Map<String, String> query, int status) {}

    /** An answer in place of the next request's. */
    public record Fault(int status, String contentType, String body, Map<String, String> headers) {
        public Fault {
            headers = Map.copyOf(headers);
        }

        /** 429 with an empty body, as Steam sends it; {@code retryAfterSeconds} &lt; 0 for no Retry-After. */
        public static Fault tooManyRequests(int retryAfterSeconds) {
            return new Fault(429, "text/html; charset=UTF-8", "", retryAfterSeconds < 0 ? Map.of()
                    : Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }

        /** Steam's occasional 500, an HTML page. */
        public static Fault serverError() {
            return new Fault(500, "text/html; charset=UTF-8", "<html><head><title>500 Internal Server Error</title>"
                    + "</head><body><h1>Internal Server Error</h1></body></html>", Map.of());
        }

        /** 200 with an HTML page where JSON belongs (a proxy's or Steam's maintenance page). */
        public static Fault htmlInsteadOfJson() {
            return new Fault(200, "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>Steam Community :: "
                    + "Error</title></head><body>An error was encountered while processing your request</body></html>",
                    Map.of());
        }

        /** 200 application/json cut off mid-object. */
        public static Fault truncatedJson() {
            return new Fault(200, "application/json; charset=utf-8", "{\"response\":{\"game_count\":3,\"games\":[{\"app",
                    Map.of());
        }
    }

    /** One owned game; {@code lastPlayed} in Unix seconds, 0 when never played. */
    public record Game(long appId, String name, int playtimeForever, int playtime2Weeks, long lastPlayed) {}

    /** One achievement of a player; {@code unlockTime} 0 while locked. */
    public record Achievement(String apiName, String name, String description, long unlockTime) {}

    /** One account, changed at will while the server runs. */
    public static final class Account {
        private final String steamId;
        private volatile String personaName;
        private volatile String vanity;
        private volatile boolean isPublic = true;
        private final Map<Long, Game> games = Collections.synchronizedMap(new LinkedHashMap<>());
        private final Map<Long, List<Achievement>> achievements = new ConcurrentHashMap<>();

        private Account(String steamId, String personaName) {
            this.steamId = steamId;
            this.personaName = personaName;
        }

        public String steamId() {
            return steamId;
        }

        public Account vanity(String name) {
            this.vanity = name;
            return this;
        }

        /** A private profile: summaries show visibility 1, game lists come back empty, achievements 403. */
        public Account privateProfile(boolean hidden) {
            this.isPublic = !hidden;
            return this;
        }

        public Account game(long appId, String name, int playtimeForever, long lastPlayed) {
            return game(new Game(appId, name, playtimeForever, 0, lastPlayed));
        }

        /** Adds the game, or replaces the one with its appid. */
        public Account game(Game game) {
            games.put(game.appId(), game);
            return this;
        }

        public Account removeGame(long appId) {
            games.remove(appId);
            return this;
        }

        public Account achievements(long appId, List<Achievement> list) {
            achievements.put(appId, List.copyOf(list));
            return this;
        }

        public List<Game> games() {
            synchronized (games) {
                return List.copyOf(games.values());
            }
        }
    }

    private final MockWebServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> schemas = new ConcurrentHashMap<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    private FakeSteam() {
        this.server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static FakeSteam start() {
        FakeSteam steam = new FakeSteam();
        try {
            steam.server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Steam server", e);
        }
        return steam;
    }

    /** The Web API base URL, ending in a slash: {@code http://127.0.0.1:PORT/}. */
    public String baseUrl() {
        return server.url("/").toString();
    }

    /** A new public account (or the one with that id). */
    public Account account(String steamId, String personaName) {
        return accounts.computeIfAbsent(steamId, id -> new Account(id, personaName));
    }

    /** A game's achievement schema, for GetSchemaForGame: {@code (apiName, displayName, description|null=hidden)}. */
    public void schema(long appId, String gameName, List<String[]> achievements) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String[] a : achievements) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", a[0]);
            row.put("defaultvalue", 0);
            row.put("displayName", a[1]);
            row.put("hidden", a[2] == null ? 1 : 0);
            if (a[2] != null) {
                row.put("description", a[2]);
            }
            row.put("icon", "https://steamcdn-a.akamaihd.net/steamcommunity/public/images/apps/" + appId + "/"
                    + Integer.toHexString(a[0].hashCode()) + ".jpg");
            row.put("icongray", "https://steamcdn-a.akamaihd.net/steamcommunity/public/images/apps/" + appId + "/"
                    + Integer.toHexString(a[0].hashCode()) + "_gray.jpg");
            list.add(row);
        }
        schemas.put(appId, ordered("gameName", gameName, "gameVersion", "12",
                "availableGameStats", ordered("achievements", list)));
    }

    /** The next request gets this answer instead; several queue up and are used in order. */
    public void enqueueFault(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
    }

    /** Delays every answer by this much. */
    public void setLatency(Duration perRequest) {
        this.latency = perRequest;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose path starts with {@code prefix} (e.g. {@code "/IPlayerService/GetOwnedGames"}). */
    public long requestCount(String prefix) {
        return requests.stream().filter(r -> r.path().startsWith(prefix)).count();
    }

    public void resetRecording() {
        requests.clear();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            // closing a test server: nothing to do
        }
    }

    // ---- the API ----

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        HttpUrl url = request.getUrl();
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            query.put(name, url.queryParameter(name));
        }
        Duration wait = latency;
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis());
        }
        Fault fault = faults.poll();
        Answer answer = fault != null ? new Answer(fault.status(), fault.contentType(), fault.body(), fault.headers())
                : route(url.encodedPath(), query);
        requests.add(new Recorded(url.encodedPath(), Map.copyOf(query), answer.status()));
        MockResponse.Builder response = new MockResponse.Builder().code(answer.status())
                .setHeader("Content-Type", answer.contentType());
        answer.headers().forEach(response::setHeader);
        return response.body(answer.body()).build();
    }

    private Answer route(String path, Map<String, String> query) {
        if (!API_KEY.equals(query.get("key"))) {
            return new Answer(403, "text/html; charset=UTF-8", ACCESS_DENIED, Map.of());
        }
        String method = path.replaceAll("/v0*([0-9]+)/?$", "/v$1/");
        return switch (method) {
            case "/ISteamUser/ResolveVanityURL/v1/" -> resolveVanity(query);
            case "/ISteamUser/GetPlayerSummaries/v2/" -> summaries(query);
            case "/IPlayerService/GetOwnedGames/v1/" -> withAccount(query, this::ownedGames);
            case "/IPlayerService/GetRecentlyPlayedGames/v1/" -> withAccount(query, a -> recent(a, query));
            case "/ISteamUserStats/GetPlayerAchievements/v1/" -> withAccount(query, a -> achievements(a, query));
            case "/ISteamUserStats/GetSchemaForGame/v2/" -> schema(query);
            default -> new Answer(404, "text/html; charset=UTF-8",
                    "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>", Map.of());
        };
    }

    private Answer resolveVanity(Map<String, String> query) {
        String name = query.get("vanityurl");
        if (name == null) {
            return missingParameter("vanityurl");
        }
        return accounts.values().stream().filter(a -> name.equalsIgnoreCase(a.vanity)).findFirst()
                .map(a -> json(ordered("response", ordered("steamid", a.steamId, "success", 1))))
                .orElseGet(() -> json(ordered("response", ordered("success", 42, "message", "No match"))));
    }

    private Answer summaries(Map<String, String> query) {
        String ids = query.get("steamids");
        if (ids == null) {
            return missingParameter("steamids");
        }
        List<Object> players = new ArrayList<>();
        for (String id : ids.split(",")) {
            Account a = accounts.get(id.strip());
            if (a == null) {
                continue;
            }
            Map<String, Object> p = ordered("steamid", a.steamId, "communityvisibilitystate", a.isPublic ? 3 : 1,
                    "profilestate", 1, "personaname", a.personaName, "commentpermission", 1,
                    "profileurl", "https://steamcommunity.com/" + (a.vanity != null ? "id/" + a.vanity
                            : "profiles/" + a.steamId) + "/",
                    "avatar", "https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb.jpg",
                    "avatarmedium", "https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb_medium.jpg",
                    "avatarfull", "https://avatars.steamstatic.com/fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb_full.jpg",
                    "avatarhash", "fef49e7fa7e1997310d705b2a6158ff8dc1cdfeb", "lastlogoff", 1754900000L,
                    "personastate", 0);
            if (a.isPublic) {
                p.put("realname", "Rabscuttle Realname");
                p.put("primaryclanid", "103582791429521408");
                p.put("timecreated", 1063407589L);
                p.put("personastateflags", 0);
                p.put("loccountrycode", "US");
            }
            players.add(p);
        }
        return json(ordered("response", ordered("players", players)));
    }

    private Answer withAccount(Map<String, String> query, java.util.function.Function<Account, Answer> then) {
        String id = query.get("steamid");
        if (id == null) {
            return missingParameter("steamid");
        }
        Account a = accounts.get(id);
        // Steam does not tell an unknown account from a private one here.
        return then.apply(a == null ? new Account(id, "").privateProfile(true) : a);
    }

    private Answer ownedGames(Account a) {
        if (!a.isPublic) {
            return json(ordered("response", Map.of()));
        }
        List<Object> games = new ArrayList<>();
        for (Game g : a.games()) {
            Map<String, Object> row = ordered("appid", g.appId(), "name", g.name(), "playtime_forever", g.playtimeForever());
            if (g.playtime2Weeks() > 0) {
                row.put("playtime_2weeks", g.playtime2Weeks());
            }
            row.put("img_icon_url", String.format("%040x", g.appId() * 2654435761L));
            row.put("has_community_visible_stats", true);
            row.put("playtime_windows_forever", g.playtimeForever());
            row.put("playtime_mac_forever", 0);
            row.put("playtime_linux_forever", 0);
            row.put("playtime_deck_forever", 0);
            row.put("rtime_last_played", g.lastPlayed());
            row.put("playtime_disconnected", 0);
            games.add(row);
        }
        return json(ordered("response", ordered("game_count", games.size(), "games", games)));
    }

    private Answer recent(Account a, Map<String, String> query) {
        if (!a.isPublic) {
            return json(ordered("response", Map.of()));
        }
        List<Game> recent = new ArrayList<>(a.games().stream().filter(g -> g.playtime2Weeks() > 0).toList());
        recent.sort((x, y) -> Long.compare(y.lastPlayed(), x.lastPlayed()));
        int total = recent.size();
        String count = query.get("count");
        if (count != null && Integer.parseInt(count) > 0 && Integer.parseInt(count) < recent.size()) {
            recent = recent.subList(0, Integer.parseInt(count));
        }
        Map<String, Object> response = ordered("total_count", total);
        if (!recent.isEmpty()) {
            List<Object> games = new ArrayList<>();
            for (Game g : recent) {
                games.add(ordered("appid", g.appId(), "name", g.name(), "playtime_2weeks", g.playtime2Weeks(),
                        "playtime_forever", g.playtimeForever(),
                        "img_icon_url", String.format("%040x", g.appId() * 2654435761L),
                        "playtime_windows_forever", g.playtimeForever(), "playtime_mac_forever", 0,
                        "playtime_linux_forever", 0, "playtime_deck_forever", 0));
            }
            response.put("games", games);
        }
        return json(ordered("response", response));
    }

    private Answer achievements(Account a, Map<String, String> query) {
        if (!a.isPublic) {
            return new Answer(403, "application/json; charset=utf-8",
                    write(ordered("playerstats", ordered("error", "Profile is not public", "success", false))), Map.of());
        }
        long appId = Long.parseLong(query.getOrDefault("appid", "0"));
        List<Achievement> list = a.achievements.get(appId);
        Game game = a.games.get(appId);
        if (list == null || game == null) {
            return new Answer(400, "application/json; charset=utf-8",
                    write(ordered("playerstats", ordered("error", "Requested app has no stats", "success", false))),
                    Map.of());
        }
        Map<String, Object> stats = ordered("steamID", a.steamId, "gameName", game.name());
        if (!list.isEmpty()) {
            boolean localized = query.containsKey("l");
            List<Object> rows = new ArrayList<>();
            for (Achievement x : list) {
                Map<String, Object> row = ordered("apiname", x.apiName(), "achieved", x.unlockTime() > 0 ? 1 : 0,
                        "unlocktime", x.unlockTime());
                if (localized) {
                    row.put("name", x.name());
                    row.put("description", x.description());
                }
                rows.add(row);
            }
            stats.put("achievements", rows);
        }
        stats.put("success", true);
        return json(ordered("playerstats", stats));
    }

    private Answer schema(Map<String, String> query) {
        long appId = Long.parseLong(query.getOrDefault("appid", "0"));
        Map<String, Object> game = schemas.get(appId);
        return json(ordered("game", game == null ? Map.of() : game));
    }

    private static Answer missingParameter(String name) {
        return new Answer(400, "text/html; charset=UTF-8", "<html><head><title>Bad Request</title></head><body>"
                + "<h1>Bad Request</h1>Required parameter '" + name + "' is missing</body></html>", Map.of());
    }

    private static Answer json(Object body) {
        return new Answer(200, "application/json; charset=utf-8", write(body), Map.of());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
