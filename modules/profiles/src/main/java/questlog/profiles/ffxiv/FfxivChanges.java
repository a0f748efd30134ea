package questlog.profiles.ffxiv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import questlog.profiles.ProfileChange;

/**
 * What changed between two snapshots of a character, as a stream overlay would say it: "Dancer
 * reached level 100", "3 new mounts", "moved to Odin". Collections are compared only when FFXIV
 * Collect answered both times, so a character it starts to list does not "gain" 200 mounts.
 */
final class FfxivChanges {
    private FfxivChanges() {}

    static List<ProfileChange> between(FfxivSnapshot before, FfxivSnapshot after) {
        List<ProfileChange> changes = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) {
            changes.add(new ProfileChange("name", "renamed to " + after.name(),
                    Map.of("from", before.name(), "to", after.name())));
        }
        if (!Objects.equals(before.world(), after.world())) {
            changes.add(new ProfileChange("world", "moved to " + after.world()
                    + (after.dataCenter() == null ? "" : " (" + after.dataCenter() + ")"),
                    details("from", before.world(), "to", after.world())));
        }
        freeCompany(before, after, changes);
        levels(before, after, changes);
        if (before.collections() != null && after.collections() != null) {
            FfxivSnapshot.Collections was = before.collections();
            FfxivSnapshot.Collections now = after.collections();
            newItems("mounts", "mount", "mounts", was.mounts().ids(), now.mounts().ids(),
                    now.mounts().count() - was.mounts().count(), changes);
            newItems("minions", "minion", "minions", was.minions().ids(), now.minions().ids(),
                    now.minions().count() - was.minions().count(), changes);
            if (now.achievements().publiclyVisible() && was.achievements().publiclyVisible()) {
                newItems("achievements", "achievement", "achievements", was.achievements().ids(),
                        now.achievements().ids(), now.achievements().count() - was.achievements().count(), changes);
            }
        }
        return changes;
    }

    private static void freeCompany(FfxivSnapshot before, FfxivSnapshot after, List<ProfileChange> changes) {
        String was = name(before.freeCompany());
        String now = name(after.freeCompany());
        if (Objects.equals(was, now)) {
            return;
        }
        String summary = now == null ? "left the free company " + was : "joined the free company " + now;
        changes.add(new ProfileChange("free_company", summary, details("from", was, "to", now)));
    }

    private static void levels(FfxivSnapshot before, FfxivSnapshot after, List<ProfileChange> changes) {
        Map<String, Integer> was = new LinkedHashMap<>();
        before.jobs().forEach(job -> was.put(job.name(), job.level()));
        for (FfxivSnapshot.Job job : after.jobs()) {
            int from = was.getOrDefault(job.name(), 0);
            if (job.level() > from) {
                changes.add(new ProfileChange("level", job.name() + " reached level " + job.level(),
                        Map.of("job", job.name(), "level", job.level(), "from", from)));
            }
        }
    }

    /**
     * New items by id when FFXIV Collect listed them, else by count (it lists ids only when asked,
     * and an older snapshot may lack them).
     */
    private static void newItems(String kind, String one, String many, List<Integer> was, List<Integer> now,
                                 int countGain, List<ProfileChange> changes) {
        List<Integer> added;
        if (!now.isEmpty() || !was.isEmpty()) {
            Set<Integer> known = new HashSet<>(was);
            added = now.stream().filter(id -> !known.contains(id)).toList();
        } else {
            added = List.of();
        }
        int gained = was.isEmpty() && now.isEmpty() ? countGain : added.size();
        if (gained <= 0) {
            return;
        }
        changes.add(new ProfileChange(kind, gained + " new " + (gained == 1 ? one : many),
                Map.of("count", gained, "ids", added)));
    }

    private static String name(FfxivSnapshot.FreeCompany company) {
        return company == null ? null : company.name();
    }

    /** Details where a value may be missing (no free company before): missing values are left out. */
    private static Map<String, Object> details(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (v1 != null) {
            details.put(k1, v1);
        }
        if (v2 != null) {
            details.put(k2, v2);
        }
        return details;
    }
}
