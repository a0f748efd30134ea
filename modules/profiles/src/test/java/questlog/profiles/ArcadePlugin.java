package questlog.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.fasterxml.jackson.databind.node.ObjectNode;
import questlog.common.Json;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;

/**
 * A plugin for a small made-up arcade service, used to test the core and the contract test
 * without any real service's details. Its API: {@code GET players/{id}} answers
 * {@code {"player": {"name", "level", "minutes", "trophies": [...], "online", "games": [appids]}}};
 * a private player is {@code {"player": null, "private": true}}; 404 for an unknown id. Handles are
 * numeric ids of 3 to 12 digits, or {@code @name}, resolved by {@code GET names/{name}} →
 * {@code {"id": "123"}}.
 */
final class ArcadePlugin implements ProfilePlugin<ArcadePlugin.Snapshot> {

    record Snapshot(String name, int level, int minutes, List<String> trophies, boolean online, List<Integer> games) {
        Snapshot {
            trophies = List.copyOf(trophies);
            games = List.copyOf(games);
        }
    }

    /** What one game shows of the account: the appid, if the account has it. */
    record GamePart(int appid, int level) {}

    private final UpstreamClient client;
    private final ObjectMapper json = Json.objectMapper();
    private final boolean accountWide;
    private final String baseUrl;

    ArcadePlugin(String baseUrl, boolean accountWide) {
        this.baseUrl = baseUrl;
        this.client = new UpstreamClient(UpstreamPolicy.of("Arcade", baseUrl)
                .withRequestInterval(Duration.ofMillis(1))
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(20))
                .withMaxRetryAfter(Duration.ofMillis(50)));
        this.accountWide = accountWide;
    }

    @Override
    public String key() {
        return "arcade";
    }

    @Override
    public String displayName() {
        return "Arcade";
    }

    @Override
    public Class<Snapshot> snapshotType() {
        return Snapshot.class;
    }

    @Override
    public ResolvedHandle resolve(String raw) {
        String handle = raw.strip();
        if (handle.matches("[0-9]{3,12}")) {
            return new ResolvedHandle(handle, handle, null);
        }
        if (handle.matches("@[a-z0-9_]{2,32}")) {
            JsonNode answer = get("names/" + handle.substring(1));
            String id = answer.path("id").asText("");
            if (id.isEmpty()) {
                throw new ProfileException(ProfileException.Reason.BAD_RESPONSE, "Arcade answered a name without an id");
            }
            return new ResolvedHandle(id, handle, handle.substring(1));
        }
        throw new ProfileException(ProfileException.Reason.INVALID_HANDLE,
                "must be an Arcade player id (3 to 12 digits) or @name");
    }

    @Override
    public Snapshot fetch(String accountId, FetchContext<Snapshot> context) {
        context.checkStop();
        JsonNode answer = get("players/" + accountId);
        if (answer.path("private").asBoolean(false)) {
            throw new ProfileException(ProfileException.Reason.PRIVATE, "This Arcade player's profile is private");
        }
        JsonNode p = answer.path("player");
        if (!p.isObject() || !p.path("level").isInt()) {
            throw new ProfileException(ProfileException.Reason.BAD_RESPONSE, "Arcade answered a player without a level");
        }
        List<String> trophies = new ArrayList<>();
        p.path("trophies").forEach(t -> trophies.add(t.asText()));
        List<Integer> games = new ArrayList<>();
        p.path("games").forEach(g -> games.add(g.asInt()));
        return new Snapshot(p.path("name").asText(), p.path("level").asInt(), p.path("minutes").asInt(), trophies,
                p.path("online").asBoolean(), games);
    }

    @Override
    public List<ProfileChange> changes(Snapshot before, Snapshot after) {
        List<ProfileChange> changes = new ArrayList<>();
        if (after.level() > before.level()) {
            changes.add(new ProfileChange("level", "Reached level " + after.level(), Map.of("level", after.level())));
        }
        if (after.minutes() > before.minutes()) {
            changes.add(new ProfileChange("playtime", (after.minutes() - before.minutes()) + " min played",
                    Map.of("minutes", after.minutes() - before.minutes())));
        }
        List<String> won = after.trophies().stream().filter(t -> !before.trophies().contains(t)).toList();
        if (!won.isEmpty()) {
            changes.add(new ProfileChange("trophies", won.size() + " new trophies", Map.of("trophies", won)));
        }
        return changes;
    }

    /** Being online is not history. */
    @Override
    public Snapshot lasting(Snapshot s) {
        return new Snapshot(s.name(), s.level(), s.minutes(), s.trophies(), false, s.games());
    }

    @Override
    public Duration refreshInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public boolean accountWide() {
        return accountWide;
    }

    @Override
    public List<ExternalGame> games(Snapshot snapshot) {
        return snapshot.games().stream().map(g -> new ExternalGame("steam", Integer.toString(g))).toList();
    }

    @Override
    public Object gameData(Snapshot snapshot, List<ExternalGame> game) {
        return game.stream().filter(g -> g.source().equals("steam")).map(g -> Integer.parseInt(g.externalId()))
                .filter(snapshot.games()::contains).findFirst().map(appid -> new GamePart(appid, snapshot.level()))
                .orElse(null);
    }

    @Override
    public Optional<String> accountName(Snapshot snapshot) {
        return Optional.of(snapshot.name());
    }

    record Level(int level, String name) {}

    @Override
    public List<ProfileView<Snapshot>> views() {
        return List.of(new ProfileView<>("level", "Level", "The level, 0 when unknown.", Level.class, false, List.of(),
                        "/api/arcade/level", Duration.ofMinutes(1),
                        (latest, query) -> latest.map(s -> new Level(s.level(), s.name())).orElse(new Level(0, ""))),
                new ProfileView<>("trophies", "Trophies", "The latest `count` trophies (1 to 5, default 2).",
                        String.class, true, List.of(new ProfileView.Param("count", Integer.class, "How many")), null,
                        null, (latest, query) -> {
                            int count = query.clampedInt("count", 2, 1, 5);
                            List<String> all = latest.map(Snapshot::trophies).orElse(List.of());
                            return all.subList(Math.max(0, all.size() - count), all.size());
                        }));
    }

    /**
     * Arcade's OAuth: the owner is sent to {@code authorize?state=}; {@code POST oauth/token} with
     * {@code code} and {@code verifier} answers {@code {"token"}}, or 400 {@code {"error"}}.
     */
    @Override
    public Optional<ProfileAuthorization> authorization() {
        return Optional.of(new ProfileAuthorization() {
            @Override
            public Request start(String accountId) {
                String state = UUID.randomUUID().toString();
                return new Request(baseUrl + "authorize?account=" + accountId + "&state=" + state, state,
                        json.createObjectNode().put("verifier", "verifier-" + state));
            }

            @Override
            public ObjectNode complete(String accountId, String code, JsonNode pending) {
                var form = new okhttp3.FormBody.Builder().add("code", code)
                        .add("verifier", pending.path("verifier").asText()).build();
                try {
                    var answer = client.execute(client.request("oauth/token").post(form).build(), (response, rate) -> {
                        if (response.status() != 400) {
                            questlog.upstream.ResponseCheck.STANDARD.check(response, rate);
                        }
                    });
                    JsonNode body = json.readTree(answer.body());
                    if (answer.status() == 400) {
                        throw new ProfileException(ProfileException.Reason.REFUSED, "Arcade refused the code ("
                                + body.path("error").asText() + ")");
                    }
                    return json.createObjectNode().put("token", body.path("token").asText());
                } catch (UpstreamException e) {
                    throw ProfileException.from(e);
                } catch (java.io.IOException e) {
                    throw new ProfileException(ProfileException.Reason.BAD_RESPONSE, "Arcade answered no JSON token");
                }
            }
        });
    }

    private JsonNode get(String path) {
        try {
            String body = client.execute(client.request(path).build()).body();
            try {
                return json.readTree(body);
            } catch (java.io.IOException e) {
                throw new ProfileException(ProfileException.Reason.BAD_RESPONSE, "Arcade answered something that is not JSON");
            }
        } catch (UpstreamException e) {
            throw ProfileException.from(e);
        }
    }
}
