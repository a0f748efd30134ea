package questlog.common;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup.GameRef;

/**
 * What an importer may ask of the library on the caller's {@link Handle}, inside the caller's
 * transaction: set-based lookups of franchises and games by the keys an outside document names
 * them with, and creating them. Answered by the library module; app passes it to the modules
 * that import (they never touch the catalog's tables).
 */
public interface CatalogWrites {

    record FranchiseRef(UUID id, String slug, String name) {}

    /** An id of a game on another service, e.g. {@code ("steam", "620")}. */
    record ExternalKey(String source, String externalId) {}

    /**
     * A game to create with manual metadata: its name, its franchise's slug (or null), and for an
     * expansion or other related game the parent's slug and the relationship (both or neither).
     */
    record NewGame(String name, String franchise, String parentGame, String relationshipType,
                   List<ExternalKey> externalIds, Long igdbId) {

        public NewGame(String name, String franchise, String parentGame, String relationshipType,
                       List<ExternalKey> externalIds) {
            this(name, franchise, parentGame, relationshipType, externalIds, null);
        }
    }

    record CopiedFranchise(UUID id, String name, String slug) {}

    record CopiedGenre(UUID id, String name, String slug, Long igdbId, UUID parentId) {}

    record CopiedGame(UUID id, String name, String slug, UUID franchiseId, Integer originalReleaseYear) {}

    record CopiedEdition(UUID id, UUID gameId, String name, String slug, String editionType, Long igdbId,
                         String twitchCategoryId, String coverUrl, java.time.LocalDate releaseDate, String summary) {}

    /** What {@link #copy} did, per kind. */
    record CopyReport(CopyCounts franchises, CopyCounts genres, CopyCounts games, CopyCounts editions) {}

    /**
     * Writes records of another Questlog keeping their ids: a new id is inserted, an existing one
     * overwritten with these fields when they differ (fields the copy does not carry stay), an
     * identical one left alone, so copying twice changes nothing. Games' events (added, or
     * updated when they or their editions changed) go to {@code events}. A slug, igdb_id or
     * twitch_category_id held by another record is an {@link InvalidInputException} (422) naming it.
     */
    CopyReport copy(Handle handle, List<CopiedFranchise> franchises, List<CopiedGenre> genres, List<CopiedGame> games,
                    List<CopiedEdition> editions, CollectedEvents events);

    /**
     * The IGDB id of each name that IGDB knows as exactly one game (ambiguous and unknown names
     * are left out), asked in as few requests as IGDB allows; empty when IGDB is not configured.
     * A network call: make it outside any transaction. Throws when IGDB cannot be reached.
     */
    Map<String, Long> igdbIdsByName(Collection<String> names);

    /** The games with these IGDB ids, by id. */
    Map<Long, GameRef> gamesByIgdbId(Handle handle, Collection<Long> igdbIds);

    /** The franchises whose name equals one of {@code names} ignoring case, or whose slug is the name's slug; by the name asked. */
    Map<String, FranchiseRef> franchisesByName(Handle handle, Collection<String> names);

    /** Creates a franchise; its slug is made from the name (with a numeric suffix when taken). */
    FranchiseRef createFranchise(Handle handle, String name);

    /** The games whose name is exactly one of {@code names}, by name (several when names are shared). */
    Map<String, List<GameRef>> gamesByName(Handle handle, Collection<String> names);

    /** The games that carry one of these external ids, by key. */
    Map<ExternalKey, GameRef> gamesByExternalId(Handle handle, Collection<ExternalKey> keys);

    /**
     * Creates a game (with its original edition, as every create does); its
     * {@code questlog:game_added} event goes to {@code events}, for the caller to append last.
     */
    GameRef createGame(Handle handle, NewGame game, CollectedEvents events);

    /**
     * Creates many games as {@link #createGame} would, in a few statements whatever their number;
     * the answer is in the order given. Parents named must exist already (create a level at a time).
     */
    List<GameRef> createGames(Handle handle, List<NewGame> games, CollectedEvents events);
}
