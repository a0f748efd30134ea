package questlog.library.dataset;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The records of a dataset document's catalog sections after their fields were checked one by
 * one. {@code index} is the position in the section, for error reports. References to other
 * records are still slugs; {@link DatasetPlan} resolves them. Empty texts are already null.
 * The fields only Questlog's own format has ({@code extra}, {@code stamps}) are null in a
 * bench document: the import then leaves those columns of an existing record as they are.
 */
final class DatasetRecords {
    private DatasetRecords() {}

    /** What every record has: an id to keep and a slug other records refer to it by. */
    sealed interface Keyed permits Genre, Franchise, Game, Edition {
        int index();

        UUID id();

        String slug();

        /** The same record under another id: the id of the library's record it was matched onto. */
        Keyed withId(UUID id);
    }

    /** A record's {@code created_at} and {@code updated_at}, kept as the document has them. */
    record Stamps(Instant createdAt, Instant updatedAt) {}

    record Genre(int index, UUID id, String slug, String name, Long igdbId, String parent, Stamps stamps) implements Keyed {
        @Override
        public Genre withId(UUID other) {
            return new Genre(index, other, slug, name, igdbId, parent, stamps);
        }
    }

    record Franchise(int index, UUID id, String slug, String name, Stamps stamps) implements Keyed {
        @Override
        public Franchise withId(UUID other) {
            return new Franchise(index, other, slug, name, stamps);
        }
    }

    record Game(int index, UUID id, String slug, String name, String franchise, List<String> genres,
                Integer originalReleaseYear, String summary, String coverUrl, Long igdbId, List<String> platforms,
                GameExtra extra) implements Keyed {
        @Override
        public Game withId(UUID other) {
            return new Game(index, other, slug, name, franchise, genres, originalReleaseYear, summary, coverUrl, igdbId,
                    platforms, extra);
        }
    }

    /** A game's columns that only Questlog's own format carries. {@code igdbData} is JSON text. */
    record GameExtra(String sortName, String parentGame, String relationshipType, String primaryGenre, String igdbData,
                     Instant lastSyncedAt, Stamps stamps) {}

    record Edition(int index, UUID id, String slug, String game, String name, String editionType,
                   LocalDate releaseDate, List<String> platforms, EditionExtra extra) implements Keyed {
        @Override
        public Edition withId(UUID other) {
            return new Edition(index, other, slug, game, name, editionType, releaseDate, platforms, extra);
        }
    }

    /** An edition's columns that only Questlog's own format carries. */
    record EditionExtra(String coverUrl, String summary, Long igdbId, String twitchCategoryId, String igdbData,
                        Instant lastSyncedAt, Stamps stamps) {}

    /** A row of {@code external_ids} (Questlog's own format only): a game's or an edition's id elsewhere. */
    record ExternalId(int index, UUID id, String source, String externalId, String game, String edition, Stamps stamps) {}
}
