package questlog.profiles.steam;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import questlog.profiles.ExternalGame;
import questlog.profiles.FetchContext;
import questlog.profiles.ProfileChange;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfilePlugin;
import questlog.profiles.ProfileView;
import questlog.profiles.ResolvedHandle;

/**
 * The {@code steam} plugin: a Steam account through the Steam Web API ({@link SteamClient}). A
 * handle is a SteamID64, a custom profile URL name, or either inside a profile URL. A fetch reads
 * the player summary, the owned games with playtime and the recently played games, then the
 * achievements (with their schema names) of the recently played games whose playtime moved since
 * the last sync, at most {@value #ACHIEVEMENT_GAMES} of them; the other games keep the achievements
 * an earlier sync fetched, so a sync costs a handful of calls, not one per owned game. A Steam
 * account spans games: its profile appears in the detail of each owned game the library knows
 * by its Steam appid. Without {@code STEAM_API_KEY} the plugin is installed (the original
 * Questlog's routes answer their defaults) but cannot reach Steam: a clear 503.
 */
public final class SteamPlugin implements ProfilePlugin<SteamSnapshot> {
    /** Recently played games whose achievements one sync fetches at most. */
    static final int ACHIEVEMENT_GAMES = 10;
    private static final java.util.regex.Pattern PROFILE_URL = java.util.regex.Pattern.compile(
            "(?i)^(?:https?://)?(?:www\\.)?steamcommunity\\.com/(id|profiles)/([^/?#]+)/?(?:[?#].*)?$");

    private final Optional<SteamClient> client;

    /** @param client empty when no Steam API key is configured; its owner (app) closes it */
    public SteamPlugin(Optional<SteamClient> client) {
        this.client = client;
    }

    @Override
    public String key() {
        return "steam";
    }

    @Override
    public String displayName() {
        return "Steam";
    }

    @Override
    public Class<SteamSnapshot> snapshotType() {
        return SteamSnapshot.class;
    }

    @Override
    public ResolvedHandle resolve(String raw) {
        String handle = raw.strip();
        var url = PROFILE_URL.matcher(handle);
        boolean byId = false;
        if (url.matches()) {
            byId = url.group(1).equalsIgnoreCase("profiles");
            handle = url.group(2);
        }
        if (SteamIds.isSteamId(handle)) {
            String id = handle;
            return new ResolvedHandle(id, id, visible(call(() -> client().playerSummary(id))).personaName());
        }
        if (byId || !SteamIds.isVanityName(handle)) {
            throw new ProfileException(ProfileException.Reason.INVALID_HANDLE, "must be a SteamID64 (17 digits "
                    + "starting 7656119), a custom profile URL name (2 to 32 letters, digits, '_' or '-') or a "
                    + "steamcommunity.com profile URL");
        }
        String vanity = handle;
        String id = call(() -> client().resolveVanityUrl(vanity));
        SteamPlayer player = visible(call(() -> client().playerSummary(id)));
        return new ResolvedHandle(id, vanity.toLowerCase(Locale.ROOT), player.personaName());
    }

    /** A profile Questlog cannot see cannot be synced: refused before anything is stored. */
    private static SteamPlayer visible(SteamPlayer player) {
        if (!player.isPublic()) {
            throw new ProfileException(ProfileException.Reason.PRIVATE, "The Steam profile " + player.steamId()
                    + " is private: make it and its game details public to sync it");
        }
        return player;
    }

    @Override
    public SteamSnapshot fetch(String accountId, FetchContext<SteamSnapshot> context) {
        context.checkStop();
        SteamClient steam = client();
        SteamPlayer player = visible(call(() -> steam.playerSummary(accountId)));
        context.checkStop();
        OwnedGames owned = call(() -> steam.ownedGames(accountId));
        context.checkStop();
        RecentlyPlayed recent = call(() -> steam.recentlyPlayed(accountId, null));
        List<SteamSnapshot.Game> games = owned.games().stream()
                .map(g -> new SteamSnapshot.Game(g.appId(), g.name(), g.playtimeForever(), g.playtime2Weeks(),
                        g.lastPlayed(), g.iconHash()))
                .toList();
        List<SteamSnapshot.Recent> recentGames = recent.games().stream()
                .map(g -> new SteamSnapshot.Recent(g.appId(), g.name(), g.playtime2Weeks(), g.playtimeForever(),
                        g.iconHash()))
                .toList();
        List<SteamSnapshot.GameAchievements> achievements = achievements(steam, accountId, recentGames,
                context.previous(), context);
        return new SteamSnapshot(player(player), games, recentGames, achievements);
    }

    /** The recently played games' achievements fetched afresh where playtime moved; the rest carried over. */
    private List<SteamSnapshot.GameAchievements> achievements(SteamClient steam, String accountId,
                                                              List<SteamSnapshot.Recent> recent,
                                                              Optional<SteamSnapshot> previous,
                                                              FetchContext<SteamSnapshot> context) {
        Map<Long, SteamSnapshot.GameAchievements> byApp = new LinkedHashMap<>();
        previous.ifPresent(p -> p.achievements().forEach(a -> byApp.put(a.appId(), a)));
        Map<Long, Integer> playedBefore = new HashMap<>();
        previous.ifPresent(p -> p.games().forEach(g -> playedBefore.put(g.appId(), g.playtimeForever())));
        int fetched = 0;
        for (SteamSnapshot.Recent game : recent) {
            boolean moved = !byApp.containsKey(game.appId())
                    || playedBefore.getOrDefault(game.appId(), -1) != game.playtimeForever();
            if (!moved || fetched >= ACHIEVEMENT_GAMES) {
                continue;
            }
            context.checkStop();
            PlayerAchievements player = call(() -> steam.playerAchievements(accountId, game.appId()));
            fetched++;
            if (!player.hasStats() || player.achievements().isEmpty()) {
                byApp.remove(game.appId());
                continue;
            }
            Map<String, String> names = new HashMap<>();
            SteamSnapshot.GameAchievements known = byApp.get(game.appId());
            if (known != null) {
                known.unlocked().forEach(u -> names.put(u.apiName(), u.name()));
            }
            boolean needsSchema = player.achievements().stream().anyMatch(a -> a.achieved()
                    && a.name() == null && !names.containsKey(a.apiName()));
            if (needsSchema) {
                context.checkStop();
                GameSchema schema = call(() -> steam.schemaForGame(game.appId()));
                schema.achievements().forEach(s -> names.put(s.apiName(), s.displayName()));
            }
            List<SteamSnapshot.Unlocked> unlocked = player.achievements().stream()
                    .filter(PlayerAchievements.Achievement::achieved)
                    .map(a -> new SteamSnapshot.Unlocked(a.apiName(), a.name() != null ? a.name()
                            : names.getOrDefault(a.apiName(), a.apiName()), a.unlockedAt()))
                    .sorted(Comparator.comparing(SteamSnapshot.Unlocked::unlockedAt,
                                    Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(SteamSnapshot.Unlocked::apiName))
                    .toList();
            String gameName = player.gameName() != null ? player.gameName() : game.name();
            byApp.put(game.appId(), new SteamSnapshot.GameAchievements(game.appId(), gameName,
                    player.achievements().size(), unlocked));
        }
        List<SteamSnapshot.GameAchievements> all = new ArrayList<>(byApp.values());
        all.sort(Comparator.comparingLong(SteamSnapshot.GameAchievements::appId));
        return all;
    }

    @Override
    public List<ProfileChange> changes(SteamSnapshot before, SteamSnapshot after) {
        return SteamChanges.between(before, after);
    }

    /** The online state and the two-week window slide all the time: not history. */
    @Override
    public SteamSnapshot lasting(SteamSnapshot s) {
        SteamSnapshot.Player p = s.player();
        return new SteamSnapshot(new SteamSnapshot.Player(p.steamId(), p.personaName(), p.profileUrl(), p.avatarUrl(),
                0, null, null),
                s.games().stream().map(g -> new SteamSnapshot.Game(g.appId(), g.name(), g.playtimeForever(), 0,
                        g.lastPlayed(), g.iconHash())).toList(),
                List.of(), s.achievements());
    }

    /** Only with an API key. */
    @Override
    public boolean canSync() {
        return client.isPresent();
    }

    @Override
    public Duration refreshInterval() {
        return Duration.ofHours(6);
    }

    @Override
    public boolean accountWide() {
        return true;
    }

    @Override
    public List<ExternalGame> games(SteamSnapshot snapshot) {
        return snapshot.games().stream().map(g -> new ExternalGame("steam", Long.toString(g.appId()))).toList();
    }

    /** A game's part of the account: its playtime and its achievements, as the "games" and "achievements" views show them. */
    public record GamePart(long appId, String name, int playtimeMinutes, int playtimeTwoWeeksMinutes,
                           java.time.Instant lastPlayed, Integer achievementsTotal,
                           List<SteamSnapshot.Unlocked> achievementsUnlocked) {}

    @Override
    public Object gameData(SteamSnapshot snapshot, List<ExternalGame> game) {
        var appIds = game.stream().filter(g -> g.source().equals("steam")).map(ExternalGame::externalId)
                .collect(Collectors.toSet());
        return snapshot.games().stream().filter(g -> appIds.contains(Long.toString(g.appId()))).findFirst()
                .map(g -> {
                    var achievements = snapshot.achievements().stream().filter(a -> a.appId() == g.appId()).findFirst();
                    return new GamePart(g.appId(), g.name(), g.playtimeForever(), g.playtime2Weeks(), g.lastPlayed(),
                            achievements.map(SteamSnapshot.GameAchievements::total).orElse(null),
                            achievements.map(SteamSnapshot.GameAchievements::unlocked).orElse(List.of()));
                })
                .orElse(null);
    }

    @Override
    public Optional<String> accountName(SteamSnapshot snapshot) {
        return Optional.ofNullable(snapshot.player().personaName());
    }

    @Override
    public List<ProfileView<SteamSnapshot>> views() {
        return SteamViews.all();
    }

    private SteamClient client() {
        return client.orElseThrow(() -> new ProfileException(ProfileException.Reason.UPSTREAM_DOWN,
                "Steam is not configured here: set STEAM_API_KEY to add and sync Steam profiles"));
    }

    private static SteamSnapshot.Player player(SteamPlayer p) {
        String avatar = p.avatarFull() != null ? p.avatarFull() : p.avatarMedium() != null ? p.avatarMedium() : p.avatar();
        return new SteamSnapshot.Player(p.steamId(), p.personaName(), p.profileUrl(), avatar, p.personaState(),
                p.gameExtraInfo(), p.gameId());
    }

    /** A Steam call whose failure becomes the reason the core answers with. */
    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SteamException e) {
            throw failure(e);
        }
    }

    static ProfileException failure(SteamException e) {
        return switch (e) {
            case SteamException.NotFound n -> new ProfileException(ProfileException.Reason.NOT_FOUND, n.getMessage());
            case SteamException.PrivateProfile p -> new ProfileException(ProfileException.Reason.PRIVATE, p.getMessage());
            case SteamException.BadCredentials b -> new ProfileException(ProfileException.Reason.UPSTREAM_DOWN,
                    "Steam refused Questlog's API key: check STEAM_API_KEY", null, b);
            case SteamException.RateLimited r -> new ProfileException(ProfileException.Reason.RATE_LIMITED,
                    r.getMessage(), r.retryAfter().orElse(null), r);
            case SteamException.UpstreamDown d -> new ProfileException(ProfileException.Reason.UPSTREAM_DOWN,
                    d.getMessage(), null, d);
            case SteamException.BadResponse b -> new ProfileException(ProfileException.Reason.BAD_RESPONSE,
                    b.getMessage(), null, b);
        };
    }
}
