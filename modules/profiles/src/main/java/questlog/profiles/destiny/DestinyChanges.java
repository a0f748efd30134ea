package questlog.profiles.destiny;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import questlog.profiles.ProfileChange;

/**
 * What changed between two snapshots of an account, as a stream overlay would say it: "raid
 * cleared: Salvation's Edge in 58 min", "Hunter reached light 2010", "3 h 10 min played".
 */
final class DestinyChanges {
    private static final String[] CLASSES = {"Titan", "Hunter", "Warlock"};

    private DestinyChanges() {}

    static List<ProfileChange> between(DestinySnapshot before, DestinySnapshot after) {
        List<ProfileChange> changes = new ArrayList<>();
        Set<String> known = before.activities().stream().map(DestinySnapshot.Activity::instanceId)
                .collect(Collectors.toSet());
        // Oldest first, as they happened.
        for (DestinySnapshot.Activity a : after.activities().reversed()) {
            String category = DestinyModes.of(a.mode()).category();
            if (known.contains(a.instanceId()) || !a.completed()
                    || !(category.equals("raid") || category.equals("dungeon"))) {
                continue;
            }
            String name = after.activityName(a).isBlank() ? "Unknown" : after.activityName(a);
            changes.add(new ProfileChange(category + "_clear", category + " cleared: " + name + " in "
                    + duration(a.durationSeconds() / 60),
                    Map.of("activity", name, "instance_id", a.instanceId(), "seconds", a.durationSeconds())));
        }
        Map<String, DestinySnapshot.Character> was = before.characters().stream()
                .collect(Collectors.toMap(DestinySnapshot.Character::characterId, c -> c));
        Set<String> seen = new HashSet<>();
        long minutes = 0;
        for (DestinySnapshot.Character c : after.characters()) {
            seen.add(c.characterId());
            String cls = c.classType() >= 0 && c.classType() < CLASSES.length ? CLASSES[c.classType()] : "Guardian";
            DestinySnapshot.Character old = was.get(c.characterId());
            if (old == null) {
                changes.add(new ProfileChange("character", "new " + cls + " character",
                        Map.of("character_id", c.characterId())));
                continue;
            }
            if (c.light() > old.light()) {
                changes.add(new ProfileChange("light", cls + " reached light " + c.light(),
                        Map.of("character_id", c.characterId(), "light", c.light(), "from", old.light())));
            }
            minutes += Math.max(0, c.minutesPlayed() - old.minutesPlayed());
        }
        if (minutes > 0) {
            changes.add(new ProfileChange("playtime", duration(minutes) + " played", Map.of("minutes", minutes)));
        }
        return changes;
    }

    /** "58 min", "3 h", "3 h 10 min". */
    static String duration(long minutes) {
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
