package questlog.profiles.steam;

import java.util.List;

/**
 * ISteamUserStats/GetSchemaForGame v2: the names of a game's achievements and stats. An app
 * without a schema (Steam's {@code {"game":{}}}) has empty lists and a null name.
 */
public record GameSchema(long appId, String gameName, String gameVersion, List<SchemaAchievement> achievements,
                         List<SchemaStat> stats) {

    public GameSchema {
        achievements = List.copyOf(achievements);
        stats = List.copyOf(stats);
    }

    /**
     * @param apiName matches {@link PlayerAchievements.Achievement#apiName()}
     * @param description null for hidden achievements, whose text Steam withholds
     */
    public record SchemaAchievement(String apiName, String displayName, String description, boolean hidden,
                                    String icon, String iconGray) {}

    public record SchemaStat(String name, String displayName, long defaultValue) {}
}
