package questlog.library.igdb;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One hit of {@code GET /api/igdb/search}: enough for an admin form to pick a game, and
 * {@code in_library}, the slug of the library game already linked to it (null when none).
 */
public record IgdbSearchResponse(long igdbId, String name, String igdbSlug, LocalDate firstReleaseDate, Integer year,
                          String summary, String coverUrl, List<String> platforms, List<String> genres,
                          String franchise, String gameType, String inLibrary) {

    static IgdbSearchResponse from(IgdbGame game, Map<Long, String> linked) {
        return new IgdbSearchResponse(game.id(), game.name(), game.slug(), game.firstReleaseDate(), game.releaseYear(),
                game.summary(), game.coverUrl(), game.platforms(),
                game.genres().stream().map(IgdbGame.Named::name).toList(),
                game.franchise() == null ? null : game.franchise().name(), game.gameType(), linked.get(game.id()));
    }

    /** The body: the hits, best first. */
    public record Listing(List<IgdbSearchResponse> items) {}
}
