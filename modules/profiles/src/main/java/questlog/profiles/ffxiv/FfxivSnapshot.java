package questlog.profiles.ffxiv;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Final Fantasy XIV character as the Lodestone and FFXIV Collect showed it. Written as JSON by
 * the shared mapper (snake_case) and read back unchanged.
 *
 * @param characterId       the Lodestone id
 * @param title             the title shown with the name, or null
 * @param activeJob         the job of the equipped soul crystal or weapon, or null when the page's icon matched none
 * @param freeCompany       null when the character is in none
 * @param jobs              every class and job in the Lodestone's order, level 0 when not yet learnt
 * @param collections       FFXIV Collect's counts, or null when {@code collectionsStatus} is not {@code "ok"}
 * @param collectionsStatus {@code "ok"}, {@code "not_listed"} (FFXIV Collect does not know the character
 *                          yet) or {@code "private"} (its owner hid it there)
 */
public record FfxivSnapshot(String characterId, String name, String title, String world, String dataCenter,
                            String activeJob, int activeJobLevel, FreeCompany freeCompany, List<Job> jobs,
                            Collections collections, String collectionsStatus) {

    public static final String COLLECTIONS_OK = "ok";
    public static final String COLLECTIONS_NOT_LISTED = "not_listed";
    public static final String COLLECTIONS_PRIVATE = "private";

    public FfxivSnapshot {
        Objects.requireNonNull(characterId, "characterId");
        Objects.requireNonNull(name, "name");
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    /** A free company: its Lodestone id and name. */
    public record FreeCompany(String id, String name) {}

    /**
     * A class or job. {@code exp} and {@code expToLevel} are null at the level cap and before the job is learnt.
     */
    public record Job(String name, int level, Long exp, Long expToLevel) {
        /** The job without its experience points, which move with every session. */
        Job withoutExp() {
            return new Job(name, level, null, null);
        }
    }

    /** FFXIV Collect's summary, as of its last parse of the Lodestone. */
    public record Collections(Instant lastParsed, Achievements achievements, Collection mounts, Collection minions) {}

    /** Owned items of one kind: how many, of how many there are, and which (ids sorted). */
    public record Collection(int count, int total, List<Integer> ids) {
        public Collection {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /** Achievements; when the character hides them on the Lodestone, {@code publiclyVisible} is false and the count 0. */
    public record Achievements(int count, int total, int points, boolean publiclyVisible, List<Integer> ids) {
        public Achievements {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }
    }

    /** The snapshot without what moves with every session (experience points, FFXIV Collect's parse time). */
    FfxivSnapshot lasting() {
        Collections lastingCollections = collections == null ? null
                : new Collections(null, collections.achievements(), collections.mounts(), collections.minions());
        return new FfxivSnapshot(characterId, name, title, world, dataCenter, activeJob, activeJobLevel, freeCompany,
                jobs.stream().map(Job::withoutExp).toList(), lastingCollections, collectionsStatus);
    }
}
