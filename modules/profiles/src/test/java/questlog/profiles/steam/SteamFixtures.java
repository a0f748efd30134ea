package questlog.profiles.steam;

/** Steam Web API answers in the shapes Steam sends (values made up), for the plugin's tests. */
final class SteamFixtures {
    static final String ID = "76561197960287930";
    static final String SUMMARIES = "/ISteamUser/GetPlayerSummaries/v2/";
    static final String VANITY = "/ISteamUser/ResolveVanityURL/v1/";
    static final String OWNED = "/IPlayerService/GetOwnedGames/v1/";
    static final String RECENT = "/IPlayerService/GetRecentlyPlayedGames/v1/";
    static final String ACHIEVEMENTS = "/ISteamUserStats/GetPlayerAchievements/v1/";
    static final String SCHEMA = "/ISteamUserStats/GetSchemaForGame/v2/";

    private SteamFixtures() {}

    static String player(int visibility, int personaState, String gameId, String gameName) {
        return """
                {"response": {"players": [{"steamid": "76561197960287930", "communityvisibilitystate": %d,
                  "profilestate": 1, "personaname": "Rabscuttle",
                  "profileurl": "https://steamcommunity.com/id/gabelogannewell/",
                  "avatar": "https://avatars.steamstatic.com/c5d56249ee5d28a07db4ac9f7f60af961fab5426.jpg",
                  "avatarmedium": "https://avatars.steamstatic.com/c5d56249ee5d28a07db4ac9f7f60af961fab5426_medium.jpg",
                  "avatarfull": "https://avatars.steamstatic.com/c5d56249ee5d28a07db4ac9f7f60af961fab5426_full.jpg",
                  "avatarhash": "c5d56249ee5d28a07db4ac9f7f60af961fab5426", "lastlogoff": 1754950000,
                  "personastate": %d, "realname": "Rabscuttle", "primaryclanid": "103582791429521408",
                  "timecreated": 1063407589, "personastateflags": 0 %s}]}}"""
                .formatted(visibility, personaState, gameId == null ? ""
                        : ", \"gameid\": \"" + gameId + "\", \"gameextrainfo\": \"" + gameName + "\"");
    }

    static final String PLAYER_IN_HADES = player(3, 1, "1145360", "Hades");
    static final String PLAYER_OFFLINE = player(3, 0, null, null);
    static final String NO_PLAYERS = "{\"response\": {\"players\": []}}";
    static final String VANITY_FOUND = "{\"response\": {\"steamid\": \"76561197960287930\", \"success\": 1}}";
    static final String VANITY_NO_MATCH = "{\"response\": {\"success\": 42, \"message\": \"No match\"}}";
    static final String PRIVATE = "{\"response\": {}}";

    static String owned(int hadesMinutes, boolean withTunic) {
        return """
                {"response": {"game_count": %d, "games": [
                  {"appid": 620, "name": "Portal 2", "playtime_forever": 1380,
                   "img_icon_url": "2e478fc6874d06ae5baf0d147f6f21203291aa02", "has_community_visible_stats": true,
                   "playtime_windows_forever": 1200, "playtime_mac_forever": 0, "playtime_linux_forever": 0,
                   "playtime_deck_forever": 180, "rtime_last_played": 1704067200, "playtime_disconnected": 0},
                  {"appid": 730, "name": "Counter-Strike 2", "playtime_forever": 0,
                   "img_icon_url": "8dbc71957312bbd3baea65848b545be9eae2a355",
                   "playtime_windows_forever": 0, "playtime_mac_forever": 0, "playtime_linux_forever": 0,
                   "playtime_deck_forever": 0, "rtime_last_played": 0, "playtime_disconnected": 0},
                  {"appid": 1145360, "name": "Hades", "playtime_forever": %d, "playtime_2weeks": %d,
                   "img_icon_url": "217c2ab5e1bbb2be4ba6a6e0d7e1be2f07b0e4f1", "has_community_visible_stats": true,
                   "playtime_windows_forever": %d, "playtime_mac_forever": 0, "playtime_linux_forever": 0,
                   "playtime_deck_forever": 0, "rtime_last_played": 1754950000, "playtime_disconnected": 0}%s
                ]}}""".formatted(withTunic ? 4 : 3, hadesMinutes, hadesMinutes - 2100, hadesMinutes,
                withTunic ? """
                        ,
                          {"appid": 553420, "name": "TUNIC", "playtime_forever": 0,
                           "img_icon_url": "", "playtime_windows_forever": 0, "playtime_mac_forever": 0,
                           "playtime_linux_forever": 0, "playtime_deck_forever": 0, "rtime_last_played": 0,
                           "playtime_disconnected": 0}""" : "");
    }

    static String recent(int hadesMinutes) {
        return """
                {"response": {"total_count": 2, "games": [
                  {"appid": 1145360, "name": "Hades", "playtime_2weeks": %d, "playtime_forever": %d,
                   "img_icon_url": "217c2ab5e1bbb2be4ba6a6e0d7e1be2f07b0e4f1",
                   "playtime_windows_forever": %d, "playtime_mac_forever": 0, "playtime_linux_forever": 0,
                   "playtime_deck_forever": 0},
                  {"appid": 620, "name": "Portal 2", "playtime_2weeks": 95, "playtime_forever": 1380,
                   "img_icon_url": "2e478fc6874d06ae5baf0d147f6f21203291aa02",
                   "playtime_windows_forever": 1200, "playtime_mac_forever": 0, "playtime_linux_forever": 0,
                   "playtime_deck_forever": 180}
                ]}}""".formatted(hadesMinutes - 2100, hadesMinutes, hadesMinutes);
    }

    /** Hades' achievements, the first {@code unlocked} of four unlocked; names come with {@code l=english}. */
    static String hadesAchievements(int unlocked) {
        String[][] all = {{"AchBossKill1", "Escaped Tartarus", "1754000000"}, {"AchBossKill2", "Escaped Asphodel", "1754100000"},
                {"AchBossKill3", "Escaped Elysium", "1754200000"}, {"AchEscape", "Is There No Escape?", "1754300000"}};
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            boolean done = i < unlocked;
            list.append(i == 0 ? "" : ",").append("""
                    {"apiname": "%s", "achieved": %d, "unlocktime": %s, "name": "%s", "description": "Clear a region"}"""
                    .formatted(all[i][0], done ? 1 : 0, done ? all[i][2] : "0", all[i][1]));
        }
        return "{\"playerstats\": {\"steamID\": \"76561197960287930\", \"gameName\": \"Hades\", \"achievements\": ["
                + list + "], \"success\": true}}";
    }

    /** Portal 2's achievements without names (asked without a language): the schema names them. */
    static final String PORTAL_ACHIEVEMENTS = """
            {"playerstats": {"steamID": "76561197960287930", "gameName": "Portal 2", "achievements": [
              {"apiname": "ACH.SURVIVE_CONTAINER_RIDE", "achieved": 1, "unlocktime": 1303330212},
              {"apiname": "ACH.WAKE_UP", "achieved": 0, "unlocktime": 0}], "success": true}}""";

    static final String PORTAL_SCHEMA = """
            {"game": {"gameName": "Portal 2", "gameVersion": "73", "availableGameStats": {"achievements": [
              {"name": "ACH.SURVIVE_CONTAINER_RIDE", "defaultvalue": 0, "displayName": "Wake Up Call", "hidden": 0,
               "description": "Survive the manual override",
               "icon": "https://steamcdn-a.akamaihd.net/steamcommunity/public/images/apps/620/ach1.jpg",
               "icongray": "https://steamcdn-a.akamaihd.net/steamcommunity/public/images/apps/620/ach1_gray.jpg"},
              {"name": "ACH.WAKE_UP", "defaultvalue": 0, "displayName": "You Monster", "hidden": 1,
               "icon": "https://steamcdn-a.akamaihd.net/steamcommunity/public/images/apps/620/ach2.jpg",
               "icongray": "https://steamcdn-a.akamaihd.net/steamcommunity/public/images/apps/620/ach2_gray.jpg"}]}}}""";

    static final String ACHIEVEMENTS_PRIVATE = "{\"playerstats\": {\"error\": \"Profile is not public\", \"success\": false}}";
    static final String HTML_500 = "<html><head><title>500 Internal Server Error</title></head><body>"
            + "<h1>Internal Server Error</h1></body></html>";
    static final String HTML_PAGE = "<!DOCTYPE html><html><head><title>Steam Community :: Error</title></head>"
            + "<body>The site is currently unavailable.</body></html>";
}
