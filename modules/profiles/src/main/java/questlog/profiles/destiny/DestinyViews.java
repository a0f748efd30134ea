package questlog.profiles.destiny;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The original Questlog's Destiny 2 answers, field by field and in its order (compat-profiles.md):
 * snake_case, every field present, {@code null} for absent, floats always with a fraction.
 */
public final class DestinyViews {
    private DestinyViews() {}

    public record Profile(UUID id, String bungieName, Integer bungieNameCode, int membershipType, String membershipId,
                   Instant lastSynced, List<Character> characters, int characterCount, int activityCount) {}

    public record Character(UUID id, String characterId, String characterClass, String race, String gender, int lightLevel,
                     long minutesPlayed, Instant dateLastPlayed, String emblemPath, String emblemBackgroundPath,
                     @JsonProperty("is_deleted") boolean isDeleted) {}

    public record AggregateStats(String mode, String scope, String characterId, long activitiesEntered, long activitiesWon,
                          long activitiesCleared, long kills, long deaths, long assists, long precisionKills,
                          long suicides, long bestSingleGameKills, long longestKillSpree,
                          @JsonSerialize(using = PythonFloat.class) double longestSingleLife, long orbsDropped,
                          long resurrectionsPerformed, long resurrectionsReceived, long secondsPlayed,
                          @JsonSerialize(using = PythonFloat.class) double averageLifespan,
                          @JsonSerialize(using = PythonFloat.class) double kdRatio,
                          @JsonSerialize(using = PythonFloat.class) double kdaRatio,
                          @JsonSerialize(using = PythonFloat.class) double efficiency, long bestSingleGameScore,
                          @JsonSerialize(using = PythonFloat.class) double fastestCompletion,
                          @JsonSerialize(using = PythonFloat.class) double longestKillDistance,
                          @JsonSerialize(using = PythonFloat.class) double totalKillDistance, long highestLightLevel,
                          @JsonSerialize(using = PythonFloat.class) double combatRating) {}

    public record Activity(String instanceId, String activityName, String modeName, String modeCategory, Instant period,
                    int durationSeconds, boolean completed, Integer standing, int kills, int deaths, int assists,
                    int score, int teamScore, @JsonSerialize(using = PythonFloat.class) double kdRatio,
                    @JsonSerialize(using = PythonFloat.class) double efficiency,
                    @JsonProperty("has_pgcr") boolean hasPgcr, String characterClass) {}

    public record ActivityDetail(String instanceId, String activityName, String modeName, String modeCategory,
                          Instant period, int durationSeconds, boolean completed, Integer standing, int kills,
                          int deaths, int assists, int score, int teamScore,
                          @JsonSerialize(using = PythonFloat.class) double kdRatio,
                          @JsonSerialize(using = PythonFloat.class) double efficiency, String characterClass,
                          List<CarnageEntry> pgcrEntries) {}

    public record CarnageEntry(String displayName, String characterClass, int lightLevel,
                        @JsonProperty("is_self") boolean isSelf, int kills, int deaths, int assists, int score,
                        boolean completed, int timePlayedSeconds) {}

    public record ActivitiesPage(int total, List<Activity> activities) {}

    public record RaidStats(int totalAttempts, int totalClears, @JsonSerialize(using = PythonFloat.class) double clearRate,
                     int totalKills, int totalDeaths, List<RaidRow> raids) {}

    public record RaidRow(String activityName, int attempts, int clears, Integer fastestSeconds) {}
}
