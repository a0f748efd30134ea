package questlog.library.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One game in {@code GET /games}. */
public record GameSummaryResponse(UUID id, String slug, String name, String sortName, RefResponse franchise,
                           List<RefResponse> genres, RefResponse primaryGenre, Integer originalReleaseYear,
                           List<String> platforms, String coverUrl, Long igdbId, Instant createdAt,
                           Instant updatedAt) {

    static GameSummaryResponse from(Game game, List<GameGenre> genres) {
        return new GameSummaryResponse(game.id(), game.slug(), game.name(), game.sortName(),
                RefResponse.of(game.franchiseId(), game.franchiseName(), game.franchiseSlug()),
                genres.stream().map(RefResponse::from).toList(),
                RefResponse.of(game.primaryGenreId(), game.primaryGenreName(), game.primaryGenreSlug()),
                game.originalReleaseYear(), game.platforms(), game.coverUrl(), game.igdbId(), game.createdAt(),
                game.updatedAt());
    }
}
