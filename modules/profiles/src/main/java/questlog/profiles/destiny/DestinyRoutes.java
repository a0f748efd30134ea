package questlog.profiles.destiny;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import questlog.profiles.ProfileView;
import questlog.profiles.ProfileView.NotFound;
import questlog.profiles.ProfileView.Param;

/**
 * The original Questlog's {@code /api/destiny/*} routes, answered from the latest snapshot (never
 * from Bungie): the same fields, order, types, filters, clamping, 404 bodies and rounding.
 */
final class DestinyRoutes {
    static final String NO_PROFILE = "No Destiny 2 profile archived";
    static final String NO_ACTIVITY = "Activity not found";
    private static final String[] CLASSES = {"titan", "hunter", "warlock"};
    private static final String[] RACES = {"human", "awoken", "exo"};
    private static final String[] GENDERS = {"male", "female"};

    private DestinyRoutes() {}

    static List<ProfileView<DestinySnapshot>> views() {
        return List.of(
                view("profile", "The Destiny 2 profile with its characters",
                        "Characters by light level, highest first. `id` is stable per account; `last_synced` is "
                                + "when the data was read from Bungie.net. 404 `{\"error\": \"" + NO_PROFILE
                                + "\"}` before the first sync.",
                        DestinyViews.Profile.class, false, List.of(), "/api/destiny/profile",
                        (latest, query) -> latest.<Object>map(DestinyRoutes::profile).orElse(new NotFound(NO_PROFILE))),
                view("characters", "Every character, highest light first", "An empty list before the first sync.",
                        DestinyViews.Character.class, true, List.of(), "/api/destiny/characters",
                        (latest, query) -> latest.map(DestinyRoutes::characters).orElse(List.of())),
                view("stats", "Aggregate stats, filtered exactly by scope, mode and character",
                        "Ordered by scope, then mode (then character). Scopes: account, account_deleted, character; "
                                + "modes as Bungie names them (allPvE, allPvP). Blank filters are ignored.",
                        DestinyViews.AggregateStats.class, true, List.of(
                                new Param("scope", String.class, "account, account_deleted or character"),
                                new Param("mode", String.class, "allPvE or allPvP"),
                                new Param("character_id", String.class, "a Bungie character id")),
                        "/api/destiny/stats",
                        (latest, query) -> stats(latest, query.param("scope"), query.param("mode"),
                                query.param("character_id"))),
                view("stats-by-mode", "Every aggregate stats row of one mode (account and per character)",
                        "Ordered by scope, then character.", DestinyViews.AggregateStats.class, true, List.of(),
                        "/api/destiny/stats/{mode}",
                        (latest, query) -> stats(latest, Optional.empty(), query.param("mode"), Optional.empty())),
                view("activities", "Activity history, newest first, filtered and paged",
                        "`limit` defaults to 50 and is clamped to 1..500; a negative `offset` is 0. `total` counts "
                                + "the activities after the filters. `completed` is true or false.",
                        DestinyViews.ActivitiesPage.class, false, List.of(
                                new Param("mode_category", String.class, "raid, dungeon, nightfall, strike, crucible, "
                                        + "trials, ironbanner, gambit, story, patrol, social or other"),
                                new Param("character_id", String.class, "a Bungie character id"),
                                new Param("completed", Boolean.class, "only completed (true) or unfinished (false) runs"),
                                new Param("limit", Integer.class, "1..500, default 50"),
                                new Param("offset", Integer.class, "default 0")),
                        "/api/destiny/activities", DestinyRoutes::activities),
                view("activity", "One activity with its post-game carnage report",
                        "`pgcr_entries` is null when no report is stored (reports are read for raids), most kills "
                                + "first. 404 `{\"error\": \"" + NO_ACTIVITY + "\"}` for an unknown instance id.",
                        DestinyViews.ActivityDetail.class, false, List.of(), "/api/destiny/activities/{instance_id}",
                        (latest, query) -> activity(latest, query.param("instance_id"))),
                view("raid-stats", "Raid attempts and clears, overall and per raid",
                        "`clear_rate` is clears / attempts rounded half-even to 3 places (0.0 with none); raids by "
                                + "most attempts; `fastest_seconds` is the shortest completed run, null when none.",
                        DestinyViews.RaidStats.class, false, List.of(), "/api/destiny/raids/stats",
                        (latest, query) -> raidStats(latest)));
    }

    private static ProfileView<DestinySnapshot> view(String name, String summary, String description, Class<?> type,
                                                      boolean array, List<Param> params, String legacyPath,
                                                      ProfileView.Reader<DestinySnapshot> reader) {
        return new ProfileView<>(name, summary, description, type, array, params, legacyPath, null, reader);
    }

    static DestinyViews.Profile profile(DestinySnapshot s) {
        List<DestinyViews.Character> characters = characters(s);
        return new DestinyViews.Profile(UUID.nameUUIDFromBytes(("destiny-profile:" + s.membershipType() + ":"
                + s.membershipId()).getBytes()), s.bungieName(), s.bungieNameCode(), s.membershipType(),
                s.membershipId(), s.syncedAt(), characters, characters.size(), s.activities().size());
    }

    static List<DestinyViews.Character> characters(DestinySnapshot s) {
        return s.characters().stream()
                .sorted(Comparator.comparingInt(DestinySnapshot.Character::light).reversed()
                        .thenComparing(DestinySnapshot.Character::characterId))
                .map(c -> new DestinyViews.Character(UUID.nameUUIDFromBytes(("destiny-character:" + c.characterId())
                        .getBytes()), c.characterId(), word(CLASSES, c.classType()), word(RACES, c.raceType()),
                        word(GENDERS, c.genderType()), c.light(), c.minutesPlayed(), c.dateLastPlayed(),
                        c.emblemPath() == null ? "" : c.emblemPath(),
                        c.emblemBackgroundPath() == null ? "" : c.emblemBackgroundPath(), c.deleted()))
                .toList();
    }

    static List<DestinyViews.AggregateStats> stats(Optional<DestinySnapshot> latest, Optional<String> scope,
                                                   Optional<String> mode, Optional<String> characterId) {
        return latest.map(s -> s.stats().stream()
                .filter(row -> matches(scope, row.scope()) && matches(mode, row.mode())
                        && matches(characterId, row.characterId()))
                .sorted(Comparator.comparing(DestinySnapshot.StatsRow::scope)
                        .thenComparing(DestinySnapshot.StatsRow::mode)
                        .thenComparing(row -> row.characterId() == null ? "" : row.characterId()))
                .map(DestinyRoutes::aggregate)
                .toList()).orElse(List.of());
    }

    private static DestinyViews.AggregateStats aggregate(DestinySnapshot.StatsRow row) {
        Map<String, Double> v = row.values();
        return new DestinyViews.AggregateStats(row.mode(), row.scope(), row.characterId(),
                whole(v, "activitiesEntered"), whole(v, "activitiesWon"), whole(v, "activitiesCleared"),
                whole(v, "kills"), whole(v, "deaths"), whole(v, "assists"), whole(v, "precisionKills"),
                whole(v, "suicides"), whole(v, "bestSingleGameKills"), whole(v, "longestKillSpree"),
                v.getOrDefault("longestSingleLife", 0.0), whole(v, "orbsDropped"), whole(v, "resurrectionsPerformed"),
                whole(v, "resurrectionsReceived"), whole(v, "secondsPlayed"), v.getOrDefault("averageLifespan", 0.0),
                v.getOrDefault("killsDeathsRatio", 0.0), v.getOrDefault("killsDeathsAssists", 0.0),
                v.getOrDefault("efficiency", 0.0), whole(v, "bestSingleGameScore"),
                // Bungie counts the fastest completion in milliseconds; the original showed seconds.
                v.getOrDefault("fastestCompletionMs", 0.0) / 1000.0, v.getOrDefault("longestKillDistance", 0.0),
                v.getOrDefault("totalKillDistance", 0.0), whole(v, "highestLightLevel"),
                v.getOrDefault("combatRating", 0.0));
    }

    static DestinyViews.ActivitiesPage activities(Optional<DestinySnapshot> latest, ProfileView.Query query) {
        if (latest.isEmpty()) {
            return new DestinyViews.ActivitiesPage(0, List.of());
        }
        DestinySnapshot s = latest.get();
        Optional<String> category = query.param("mode_category").map(String::strip).filter(c -> !c.isEmpty());
        Optional<String> characterId = query.param("character_id").map(String::strip).filter(c -> !c.isEmpty());
        Optional<Boolean> completed = query.param("completed").map(String::strip).filter(c -> !c.isEmpty())
                .map(c -> Set.of("true", "1", "yes").contains(c.toLowerCase(Locale.ROOT)));
        int limit = query.clampedInt("limit", 50, 1, 500);
        int offset = query.clampedInt("offset", 0, 0, Integer.MAX_VALUE);
        List<DestinySnapshot.Activity> matching = s.activities().stream()
                .filter(a -> category.map(c -> c.equals(DestinyModes.of(a.mode()).category())).orElse(true))
                .filter(a -> characterId.map(c -> c.equals(a.characterId())).orElse(true))
                .filter(a -> completed.map(c -> c == a.completed()).orElse(true))
                .sorted(Comparator.comparing(DestinySnapshot.Activity::period).reversed())
                .toList();
        Map<String, String> classes = classesById(s);
        List<DestinyViews.Activity> page = matching.stream().skip(offset).limit(limit)
                .map(a -> activity(s, a, classes)).toList();
        return new DestinyViews.ActivitiesPage(matching.size(), page);
    }

    static Object activity(Optional<DestinySnapshot> latest, Optional<String> instanceId) {
        if (latest.isEmpty() || instanceId.isEmpty()) {
            return new NotFound(NO_ACTIVITY);
        }
        DestinySnapshot s = latest.get();
        return s.activities().stream().filter(a -> a.instanceId().equals(instanceId.get())).findFirst()
                .<Object>map(a -> {
                    DestinyViews.Activity row = activity(s, a, classesById(s));
                    List<DestinySnapshot.CarnageEntry> report = s.carnageReports().get(a.instanceId());
                    Set<String> own = s.characters().stream().map(DestinySnapshot.Character::characterId)
                            .collect(Collectors.toSet());
                    List<DestinyViews.CarnageEntry> entries = report == null ? null : report.stream()
                            .sorted(Comparator.comparingInt(DestinySnapshot.CarnageEntry::kills).reversed())
                            .map(e -> new DestinyViews.CarnageEntry(e.displayName(), e.characterClass(),
                                    e.lightLevel(), own.contains(e.characterId()), e.kills(), e.deaths(),
                                    e.assists(), e.score(), e.completed(), e.timePlayedSeconds()))
                            .toList();
                    return new DestinyViews.ActivityDetail(row.instanceId(), row.activityName(), row.modeName(),
                            row.modeCategory(), row.period(), row.durationSeconds(), row.completed(), row.standing(),
                            row.kills(), row.deaths(), row.assists(), row.score(), row.teamScore(), row.kdRatio(),
                            row.efficiency(), row.characterClass(), entries);
                })
                .orElse(new NotFound(NO_ACTIVITY));
    }

    static DestinyViews.RaidStats raidStats(Optional<DestinySnapshot> latest) {
        List<DestinySnapshot.Activity> raids = latest.map(s -> s.activities().stream()
                .filter(a -> DestinyModes.of(a.mode()).category().equals("raid")).toList()).orElse(List.of());
        DestinySnapshot s = latest.orElse(null);
        Map<String, List<DestinySnapshot.Activity>> byName = new LinkedHashMap<>();
        for (DestinySnapshot.Activity raid : raids) {
            String name = s.activityName(raid);
            byName.computeIfAbsent(name.isBlank() ? "Unknown" : name, n -> new ArrayList<>()).add(raid);
        }
        List<DestinyViews.RaidRow> rows = byName.entrySet().stream()
                .map(e -> new DestinyViews.RaidRow(e.getKey(), e.getValue().size(),
                        (int) e.getValue().stream().filter(DestinySnapshot.Activity::completed).count(),
                        e.getValue().stream().filter(DestinySnapshot.Activity::completed)
                                .map(DestinySnapshot.Activity::durationSeconds).filter(d -> d > 0)
                                .min(Integer::compare).orElse(null)))
                .sorted(Comparator.comparingInt(DestinyViews.RaidRow::attempts).reversed()
                        .thenComparing(DestinyViews.RaidRow::activityName))
                .toList();
        int clears = (int) raids.stream().filter(DestinySnapshot.Activity::completed).count();
        return new DestinyViews.RaidStats(raids.size(), clears, rate(clears, raids.size()),
                raids.stream().mapToInt(DestinySnapshot.Activity::kills).sum(),
                raids.stream().mapToInt(DestinySnapshot.Activity::deaths).sum(), rows);
    }

    /** clears / attempts as Python's round(x, 3) gives it: half-even on the exact binary value. */
    static double rate(int clears, int attempts) {
        if (attempts == 0) {
            return 0.0;
        }
        return new BigDecimal((double) clears / attempts).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static DestinyViews.Activity activity(DestinySnapshot s, DestinySnapshot.Activity a,
                                                  Map<String, String> classes) {
        DestinyModes.Mode mode = DestinyModes.of(a.mode());
        return new DestinyViews.Activity(a.instanceId(), s.activityName(a), mode.name(), mode.category(), a.period(),
                a.durationSeconds(), a.completed(), a.standing(), a.kills(), a.deaths(), a.assists(), a.score(),
                a.teamScore(), a.kdRatio(), a.efficiency(), s.carnageReports().containsKey(a.instanceId()),
                classes.getOrDefault(a.characterId(), ""));
    }

    private static Map<String, String> classesById(DestinySnapshot s) {
        Map<String, String> classes = new LinkedHashMap<>();
        s.characters().forEach(c -> classes.put(c.characterId(), word(CLASSES, c.classType())));
        return classes;
    }

    private static boolean matches(Optional<String> filter, String value) {
        return filter.map(String::strip).filter(f -> !f.isEmpty()).map(f -> f.equals(value)).orElse(true);
    }

    private static long whole(Map<String, Double> values, String stat) {
        return Math.round(values.getOrDefault(stat, 0.0));
    }

    private static String word(String[] words, int index) {
        return index >= 0 && index < words.length ? words[index] : "";
    }
}
