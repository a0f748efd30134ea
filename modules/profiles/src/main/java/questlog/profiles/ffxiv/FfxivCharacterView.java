package questlog.profiles.ffxiv;

import java.time.Instant;

/**
 * The {@code character} view: who the character is and how far along, every field present and
 * null before the first sync.
 *
 * @param collectionsStatus {@code ok}, {@code not_listed} or {@code private} (see {@link FfxivSnapshot})
 */
public record FfxivCharacterView(String characterId, String name, String title, String world, String dataCenter,
                                 String activeJob, Integer activeJobLevel, String freeCompany, Integer mounts,
                                 Integer mountsTotal, Integer minions, Integer minionsTotal, Integer achievements,
                                 Integer achievementPoints, Boolean achievementsPublic, Instant collectionsParsedAt,
                                 String collectionsStatus) {

    static final FfxivCharacterView NONE = new FfxivCharacterView(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    static FfxivCharacterView of(FfxivSnapshot s) {
        FfxivSnapshot.Collections c = s.collections();
        return new FfxivCharacterView(s.characterId(), s.name(), s.title(), s.world(), s.dataCenter(), s.activeJob(),
                s.activeJobLevel(), s.freeCompany() == null ? null : s.freeCompany().name(),
                c == null ? null : c.mounts().count(), c == null ? null : c.mounts().total(),
                c == null ? null : c.minions().count(), c == null ? null : c.minions().total(),
                c == null ? null : c.achievements().count(), c == null ? null : c.achievements().points(),
                c == null ? null : c.achievements().publiclyVisible(), c == null ? null : c.lastParsed(),
                s.collectionsStatus());
    }
}
