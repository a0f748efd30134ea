package questlog.profiles.destiny;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import questlog.profiles.FetchContext;
import questlog.profiles.PluginEnvironment;
import questlog.profiles.ProfileChange;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.profiles.ProfilePlugin;
import questlog.profiles.ProfileView;
import questlog.profiles.ResolvedHandle;

/**
 * Destiny 2 accounts on Bungie.net: characters with light and time played, aggregate stats
 * (account, deleted characters, per character; PvE and PvP), activity history with raid and
 * dungeon clears, and the raids' post-game carnage reports. A handle is a Bungie name
 * ({@code Name#1234}, found with SearchDestinyPlayerByBungieName), {@code type:membershipId}, or a
 * bungie.net profile URL; the account id is {@code type:membershipId}. A sync reads the activity
 * history only back to the newest activity it already has, names new activities from the manifest
 * and reads at most {@value #REPORTS_PER_SYNC} carnage reports, so later syncs catch up on the rest.
 */
public final class DestinyPlugin implements ProfilePlugin<DestinySnapshot>, AutoCloseable {
    static final int MAX_ACTIVITIES = 5000;
    static final int PAGE_SIZE = 250;
    static final int MAX_PAGES_PER_CHARACTER = 4;
    static final int REPORTS_PER_SYNC = 10;
    static final int NAMES_PER_SYNC = 50;

    private static final Pattern BUNGIE_NAME = Pattern.compile("([^#\\p{Cntrl}]{1,26})#(\\d{1,4})");
    private static final Pattern MEMBERSHIP = Pattern.compile("([1-6]):(\\d{1,20})");
    private static final Pattern PROFILE_URL = Pattern.compile(
            "https?://(?:www\\.)?bungie\\.net/\\d+/[a-z-]+/User/Profile/([1-6])/(\\d{1,20})/?(?:[?#].*)?",
            Pattern.CASE_INSENSITIVE);

    private final BungieClient bungie;
    private final Clock clock;
    private final boolean keyed;

    public DestinyPlugin(DestinySettings settings, Clock clock) {
        this.bungie = new BungieClient(settings);
        this.clock = clock;
        this.keyed = settings.apiKey().isPresent();
    }

    /** The plugin with {@link DestinySettings#fromEnvironment its settings from the environment}: app's one line. */
    public static DestinyPlugin fromEnvironment(PluginEnvironment env) {
        return new DestinyPlugin(DestinySettings.fromEnvironment(env.variables()), env.clock());
    }

    @Override
    public String key() {
        return "destiny";
    }

    @Override
    public String displayName() {
        return "Destiny 2";
    }

    @Override
    public Class<DestinySnapshot> snapshotType() {
        return DestinySnapshot.class;
    }

    /** Only with BUNGIE_API_KEY: without it, no scheduled sync (it could only fail). */
    @Override
    public boolean canSync() {
        return keyed;
    }

    @Override
    public ResolvedHandle resolve(String raw) {
        String handle = raw == null ? "" : raw.strip();
        Matcher membership = MEMBERSHIP.matcher(handle);
        Matcher url = PROFILE_URL.matcher(handle);
        if (membership.matches() || url.matches()) {
            Matcher m = membership.matches() ? membership : url;
            int type = Integer.parseInt(m.group(1));
            JsonNode user = bungie.profile(type, m.group(2), "100").path("profile").path("data").path("userInfo");
            String name = bungieName(user);
            return new ResolvedHandle(type + ":" + m.group(2), name == null ? type + ":" + m.group(2) : name, name);
        }
        Matcher named = BUNGIE_NAME.matcher(handle);
        if (handle.length() > 40 || !named.matches() || named.group(1).isBlank()) {
            throw new ProfileException(Reason.INVALID_HANDLE, "A Destiny 2 handle is a Bungie name (Name#1234), "
                    + "a membership as type:id (3:4611686018467284386) or a bungie.net profile URL");
        }
        String name = named.group(1).strip();
        int code = Integer.parseInt(named.group(2));
        JsonNode cards = bungie.searchByBungieName(name, code);
        JsonNode chosen = null;
        for (JsonNode card : cards) {
            // A cross-saved account answers once per platform; the one its cross save points at is the account.
            int override = card.path("crossSaveOverride").asInt(0);
            if (chosen == null || override != 0 && override == card.path("membershipType").asInt()) {
                chosen = card;
            }
        }
        if (chosen == null) {
            throw new ProfileException(Reason.NOT_FOUND, "Bungie.net has no Destiny 2 player named " + name + "#"
                    + String.format("%04d", code));
        }
        String shown = Optional.ofNullable(bungieName(chosen)).orElse(name + "#" + String.format("%04d", code));
        return new ResolvedHandle(chosen.path("membershipType").asInt() + ":" + chosen.path("membershipId").asText(),
                shown, shown);
    }

    @Override
    public DestinySnapshot fetch(String accountId, FetchContext<DestinySnapshot> context) {
        Matcher account = MEMBERSHIP.matcher(accountId);
        if (!account.matches()) {
            throw new ProfileException(Reason.INVALID_HANDLE, "A Destiny 2 account id is type:membershipId: " + accountId);
        }
        int type = Integer.parseInt(account.group(1));
        String id = account.group(2);
        Optional<DestinySnapshot> previous = context.previous();

        context.checkStop();
        JsonNode profile = bungie.profile(type, id, "100,200");
        JsonNode user = profile.path("profile").path("data").path("userInfo");
        JsonNode characterData = profile.path("characters").path("data");
        if (!user.isObject() || !characterData.isObject()) {
            // Privacy is per component: a hidden one comes as {"privacy": 2} without data.
            throw new ProfileException(Reason.PRIVATE, "The Destiny 2 account " + accountId
                    + " hides its profile or characters (Bungie.net privacy settings)");
        }
        List<DestinySnapshot.Character> characters = new ArrayList<>();
        for (JsonNode c : characterData) {
            characters.add(new DestinySnapshot.Character(c.path("characterId").asText(), c.path("classType").asInt(-1),
                    c.path("raceType").asInt(-1), c.path("genderType").asInt(-1), c.path("light").asInt(0),
                    c.path("minutesPlayedTotal").asLong(0), instant(c.path("dateLastPlayed")),
                    text(c, "emblemPath"), text(c, "emblemBackgroundPath"), false));
        }

        context.checkStop();
        List<DestinySnapshot.StatsRow> stats = stats(bungie.accountStats(type, id));

        Set<String> known = new LinkedHashSet<>();
        previous.ifPresent(p -> p.activities().forEach(a -> known.add(a.instanceId())));
        Map<String, DestinySnapshot.Activity> activities = new LinkedHashMap<>();
        for (DestinySnapshot.Character c : characters) {
            for (int page = 0; page < MAX_PAGES_PER_CHARACTER; page++) {
                context.checkStop();
                JsonNode answer = bungie.activities(type, id, c.characterId(), PAGE_SIZE, page);
                if (!answer.has("activities")) {
                    break; // past the end, Bungie leaves the key out
                }
                boolean reachedKnown = false;
                for (JsonNode a : answer.get("activities")) {
                    DestinySnapshot.Activity activity = activity(a, c.characterId());
                    reachedKnown |= known.contains(activity.instanceId());
                    activities.putIfAbsent(activity.instanceId(), activity);
                }
                if (reachedKnown || answer.get("activities").size() < PAGE_SIZE) {
                    break;
                }
            }
        }
        previous.ifPresent(p -> p.activities().forEach(a -> activities.putIfAbsent(a.instanceId(), a)));
        List<DestinySnapshot.Activity> history = activities.values().stream()
                .sorted(Comparator.comparing(DestinySnapshot.Activity::period).reversed()
                        .thenComparing(DestinySnapshot.Activity::instanceId))
                .limit(MAX_ACTIVITIES)
                .toList();

        Map<String, String> names = new HashMap<>(previous.map(DestinySnapshot::activityNames).orElse(Map.of()));
        int looked = 0;
        for (DestinySnapshot.Activity a : history) {
            String hash = String.valueOf(a.referenceId());
            if (a.referenceId() == 0 || names.containsKey(hash) || looked >= NAMES_PER_SYNC) {
                continue;
            }
            context.checkStop();
            names.put(hash, bungie.activityDefinition(a.referenceId()).path("displayProperties").path("name")
                    .asText(""));
            looked++;
        }

        Set<String> kept = new LinkedHashSet<>();
        history.forEach(a -> kept.add(a.instanceId()));
        Map<String, List<DestinySnapshot.CarnageEntry>> reports = new HashMap<>();
        previous.ifPresent(p -> p.carnageReports().forEach((k, v) -> {
            if (kept.contains(k)) {
                reports.put(k, v);
            }
        }));
        int read = 0;
        for (DestinySnapshot.Activity a : history) {
            if (read >= REPORTS_PER_SYNC || reports.containsKey(a.instanceId())
                    || !DestinyModes.of(a.mode()).category().equals("raid")) {
                continue;
            }
            context.checkStop();
            reports.put(a.instanceId(), carnage(bungie.carnageReport(a.instanceId())));
            read++;
        }
        return new DestinySnapshot(type, id, Optional.ofNullable(text(user, "bungieGlobalDisplayName"))
                .orElse(text(user, "displayName")), user.path("bungieGlobalDisplayNameCode").isNumber()
                ? user.path("bungieGlobalDisplayNameCode").asInt() : null, clock.instant(), characters, stats,
                history, reports, names);
    }

    @Override
    public List<ProfileChange> changes(DestinySnapshot before, DestinySnapshot after) {
        return DestinyChanges.between(before, after);
    }

    @Override
    public DestinySnapshot lasting(DestinySnapshot snapshot) {
        return snapshot.lasting();
    }

    @Override
    public Optional<String> accountName(DestinySnapshot snapshot) {
        return Optional.ofNullable(snapshot.bungieName()).map(name -> snapshot.bungieNameCode() == null ? name
                : name + "#" + String.format("%04d", snapshot.bungieNameCode()));
    }

    @Override
    public List<ProfileView<DestinySnapshot>> views() {
        return DestinyRoutes.views();
    }

    @Override
    public void close() {
        bungie.close();
    }

    private static List<DestinySnapshot.StatsRow> stats(JsonNode response) {
        List<DestinySnapshot.StatsRow> rows = new ArrayList<>();
        addRows(rows, "account", null, response.path("mergedAllCharacters").path("results"));
        addRows(rows, "account_deleted", null, response.path("mergedDeletedCharacters").path("results"));
        for (JsonNode c : response.path("characters")) {
            addRows(rows, "character", c.path("characterId").asText(), c.path("results"));
        }
        return rows;
    }

    private static void addRows(List<DestinySnapshot.StatsRow> rows, String scope, String characterId, JsonNode results) {
        Iterator<Map.Entry<String, JsonNode>> modes = results.fields();
        while (modes.hasNext()) {
            Map.Entry<String, JsonNode> mode = modes.next();
            JsonNode allTime = mode.getValue().get("allTime");
            if (allTime == null || !allTime.isObject()) {
                continue; // a mode never played has no allTime
            }
            Map<String, Double> values = new LinkedHashMap<>();
            allTime.fields().forEachRemaining(stat -> {
                JsonNode value = stat.getValue().path("basic").path("value");
                if (value.isNumber()) {
                    values.put(stat.getKey(), value.asDouble());
                }
            });
            rows.add(new DestinySnapshot.StatsRow(mode.getKey(), scope, characterId, values));
        }
    }

    private static DestinySnapshot.Activity activity(JsonNode a, String characterId) {
        JsonNode details = a.path("activityDetails");
        JsonNode values = a.path("values");
        String instanceId = text(details, "instanceId");
        Instant period = instant(a.path("period"));
        if (instanceId == null || period == null) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Bungie.net listed an activity without an instance id "
                    + "or a time");
        }
        JsonNode standing = values.path("standing").path("basic").path("value");
        return new DestinySnapshot.Activity(instanceId, characterId, details.path("referenceId").asLong(0),
                details.path("mode").asInt(0), period, (int) value(values, "activityDurationSeconds"),
                value(values, "completed") == 1.0 && value(values, "completionReason") == 0.0,
                standing.isNumber() ? standing.asInt() : null, (int) value(values, "kills"),
                (int) value(values, "deaths"), (int) value(values, "assists"), (int) value(values, "score"),
                (int) value(values, "teamScore"), value(values, "killsDeathsRatio"), value(values, "efficiency"));
    }

    private static List<DestinySnapshot.CarnageEntry> carnage(JsonNode report) {
        List<DestinySnapshot.CarnageEntry> entries = new ArrayList<>();
        for (JsonNode e : report.path("entries")) {
            JsonNode player = e.path("player");
            JsonNode info = player.path("destinyUserInfo");
            String name = Optional.ofNullable(text(info, "bungieGlobalDisplayName")).filter(n -> !n.isBlank())
                    .orElse(Optional.ofNullable(text(info, "displayName")).orElse(""));
            JsonNode values = e.path("values");
            entries.add(new DestinySnapshot.CarnageEntry(name, text(e, "characterId"),
                    Optional.ofNullable(text(player, "characterClass")).orElse("").toLowerCase(java.util.Locale.ROOT),
                    player.path("lightLevel").asInt(0), (int) value(values, "kills"), (int) value(values, "deaths"),
                    (int) value(values, "assists"), (int) value(values, "score"), value(values, "completed") == 1.0,
                    (int) value(values, "timePlayedSeconds")));
        }
        return entries;
    }

    private static double value(JsonNode values, String stat) {
        return values.path(stat).path("basic").path("value").asDouble(0);
    }

    private static String bungieName(JsonNode user) {
        String name = text(user, "bungieGlobalDisplayName");
        if (name == null || name.isBlank()) {
            return text(user, "displayName");
        }
        JsonNode code = user.path("bungieGlobalDisplayNameCode");
        return code.isNumber() ? name + "#" + String.format("%04d", code.asInt()) : name;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Bungie.net sent a time that is not one: " + node.asText());
        }
    }
}
