package questlog.profiles.destiny;

import java.util.Map;

/**
 * Bungie's {@code DestinyActivityModeType} numbers as the original Questlog shows them: a name and
 * one of its categories (raid, dungeon, nightfall, strike, crucible, trials, ironbanner, gambit,
 * story, patrol, social, other).
 */
final class DestinyModes {
    private DestinyModes() {}

    record Mode(String name, String category) {}

    private static final Mode UNKNOWN = new Mode("Unknown", "other");

    private static final Map<Integer, Mode> MODES = Map.ofEntries(
            Map.entry(0, new Mode("None", "other")),
            Map.entry(2, new Mode("Story", "story")),
            Map.entry(3, new Mode("Strike", "strike")),
            Map.entry(4, new Mode("Raid", "raid")),
            Map.entry(5, new Mode("All PvP", "crucible")),
            Map.entry(6, new Mode("Patrol", "patrol")),
            Map.entry(7, new Mode("All PvE", "other")),
            Map.entry(10, new Mode("Control", "crucible")),
            Map.entry(12, new Mode("Clash", "crucible")),
            Map.entry(15, new Mode("Crimson Doubles", "crucible")),
            Map.entry(16, new Mode("Nightfall", "nightfall")),
            Map.entry(17, new Mode("Heroic Nightfall", "nightfall")),
            Map.entry(18, new Mode("All Strikes", "strike")),
            Map.entry(19, new Mode("Iron Banner", "ironbanner")),
            Map.entry(25, new Mode("All Mayhem", "crucible")),
            Map.entry(31, new Mode("Supremacy", "crucible")),
            Map.entry(32, new Mode("Private Matches", "crucible")),
            Map.entry(37, new Mode("Survival", "crucible")),
            Map.entry(38, new Mode("Countdown", "crucible")),
            Map.entry(39, new Mode("Trials of the Nine", "trials")),
            Map.entry(40, new Mode("Social", "social")),
            Map.entry(41, new Mode("Trials Countdown", "trials")),
            Map.entry(42, new Mode("Trials Survival", "trials")),
            Map.entry(43, new Mode("Iron Banner Control", "ironbanner")),
            Map.entry(44, new Mode("Iron Banner Clash", "ironbanner")),
            Map.entry(45, new Mode("Iron Banner Supremacy", "ironbanner")),
            Map.entry(46, new Mode("Scored Nightfall", "nightfall")),
            Map.entry(47, new Mode("Scored Heroic Nightfall", "nightfall")),
            Map.entry(48, new Mode("Rumble", "crucible")),
            Map.entry(49, new Mode("All Doubles", "crucible")),
            Map.entry(50, new Mode("Doubles", "crucible")),
            Map.entry(60, new Mode("Lockdown", "crucible")),
            Map.entry(63, new Mode("Gambit", "gambit")),
            Map.entry(64, new Mode("All PvE Competitive", "gambit")),
            Map.entry(65, new Mode("Breakthrough", "crucible")),
            Map.entry(69, new Mode("PvP Competitive", "crucible")),
            Map.entry(70, new Mode("PvP Quickplay", "crucible")),
            Map.entry(71, new Mode("Clash Quickplay", "crucible")),
            Map.entry(72, new Mode("Clash Competitive", "crucible")),
            Map.entry(73, new Mode("Control Quickplay", "crucible")),
            Map.entry(74, new Mode("Control Competitive", "crucible")),
            Map.entry(75, new Mode("Gambit Prime", "gambit")),
            Map.entry(76, new Mode("Reckoning", "gambit")),
            Map.entry(77, new Mode("Menagerie", "other")),
            Map.entry(78, new Mode("Vex Offensive", "other")),
            Map.entry(79, new Mode("Nightmare Hunt", "other")),
            Map.entry(80, new Mode("Elimination", "crucible")),
            Map.entry(81, new Mode("Momentum", "crucible")),
            Map.entry(82, new Mode("Dungeon", "dungeon")),
            Map.entry(83, new Mode("Sundial", "other")),
            Map.entry(84, new Mode("Trials of Osiris", "trials")),
            Map.entry(85, new Mode("Dares", "other")),
            Map.entry(86, new Mode("Offensive", "other")),
            Map.entry(87, new Mode("Lost Sector", "other")),
            Map.entry(88, new Mode("Rift", "crucible")),
            Map.entry(89, new Mode("Zone Control", "crucible")),
            Map.entry(90, new Mode("Iron Banner Rift", "ironbanner")),
            Map.entry(91, new Mode("Iron Banner Zone Control", "ironbanner")),
            Map.entry(92, new Mode("Relic", "crucible")));

    static Mode of(int mode) {
        return MODES.getOrDefault(mode, UNKNOWN);
    }
}
