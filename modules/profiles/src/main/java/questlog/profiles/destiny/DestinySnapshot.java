package questlog.profiles.destiny;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Destiny 2 account as Bungie.net showed it: characters, aggregate stats, activity history
 * (newest first, at most {@value DestinyPlugin#MAX_ACTIVITIES}), the raids' post-game carnage
 * reports and the names of the activities met so far (carried from sync to sync, since each name
 * costs a manifest call). Written as JSON by the shared mapper and read back unchanged.
 *
 * @param membershipType Bungie's platform number (1 Xbox, 2 PSN, 3 Steam, 4 Blizzard, 5 Stadia, 6 Epic)
 * @param bungieNameCode the four digits after '#', or null when Bungie gave none
 * @param syncedAt       when this snapshot was fetched (the original's {@code last_synced})
 * @param carnageReports by instance id
 * @param activityNames  by activity definition hash (as text)
 */
public record DestinySnapshot(int membershipType, String membershipId, String bungieName, Integer bungieNameCode,
                              Instant syncedAt, List<Character> characters, List<StatsRow> stats,
                              List<Activity> activities, Map<String, List<CarnageEntry>> carnageReports,
                              Map<String, String> activityNames) {

    public DestinySnapshot {
        Objects.requireNonNull(membershipId, "membershipId");
        characters = characters == null ? List.of() : List.copyOf(characters);
        stats = stats == null ? List.of() : List.copyOf(stats);
        activities = activities == null ? List.of() : List.copyOf(activities);
        carnageReports = carnageReports == null ? Map.of() : Map.copyOf(carnageReports);
        activityNames = activityNames == null ? Map.of() : Map.copyOf(activityNames);
    }

    /** A character; {@code classType} 0 titan, 1 hunter, 2 warlock; race 0 human, 1 awoken, 2 exo; gender 0 male, 1 female. */
    public record Character(String characterId, int classType, int raceType, int genderType, int light,
                            long minutesPlayed, Instant dateLastPlayed, String emblemPath, String emblemBackgroundPath,
                            boolean deleted) {}

    /**
     * One set of aggregate stats: {@code mode} as Bungie names it ({@code allPvE}, {@code allPvP}),
     * {@code scope} account, account_deleted or character, {@code values} by Bungie's stat id.
     */
    public record StatsRow(String mode, String scope, String characterId, Map<String, Double> values) {
        public StatsRow {
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    /** One activity a character played. {@code standing} is null outside competitive modes. */
    public record Activity(String instanceId, String characterId, long referenceId, int mode, Instant period,
                           int durationSeconds, boolean completed, Integer standing, int kills, int deaths,
                           int assists, int score, int teamScore, double kdRatio, double efficiency) {}

    /** One player's line of a post-game carnage report. */
    public record CarnageEntry(String displayName, String characterId, String characterClass, int lightLevel,
                               int kills, int deaths, int assists, int score, boolean completed,
                               int timePlayedSeconds) {}

    /** The name of an activity, "" when unknown. */
    String activityName(Activity activity) {
        return activityNames.getOrDefault(String.valueOf(activity.referenceId()), "");
    }

    /** Without the sync time, which changes every sync and is no history of its own. */
    DestinySnapshot lasting() {
        return new DestinySnapshot(membershipType, membershipId, bungieName, bungieNameCode, null, characters, stats,
                activities, carnageReports, activityNames);
    }
}
