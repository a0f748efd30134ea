package questlog.library.dataset;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import questlog.library.catalog.Edition;
import questlog.library.catalog.Franchise;
import questlog.library.catalog.Game;
import questlog.library.catalog.Genre;

/**
 * The records of a dataset document (format questlog-bench-dataset, version 1) after their
 * fields were checked one by one. {@code index} is the position in the section, for error
 * reports. References to other records are still slugs; {@link DatasetPlan} resolves them.
 * Empty texts are already null.
 */
final class DatasetRecords {
    private DatasetRecords() {}

    /** What every record has: an id to keep and a slug other records refer to it by. */
    sealed interface Keyed permits Genre, Franchise, Game, Edition {
        int index();

        UUID id();

        String slug();
    }

    record Genre(int index, UUID id, String slug, String name) implements Keyed {}

    record Franchise(int index, UUID id, String slug, String name) implements Keyed {}

    record Game(int index, UUID id, String slug, String name, String franchise, List<String> genres,
                Integer originalReleaseYear, String summary, String coverUrl, Long igdbId, List<String> platforms)
            implements Keyed {}

    record Edition(int index, UUID id, String slug, String game, String name, String editionType,
                   LocalDate releaseDate, List<String> platforms) implements Keyed {}
}
