package questlog.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /games/{slug}}: the summary fields plus text, lineage, editions and external ids,
 * the game's playthroughs (as {@code GET /api/playthroughs} shows them) and the lists it is in
 * ({@code {id, slug, name, is_ranked, is_public, position, notes, added_at}}); those two come from
 * the journal and lists modules through {@link GameSections}.
 */
record GameDetailResponse(UUID id, String slug, String name, String sortName, RefResponse franchise,
                          List<RefResponse> genres, RefResponse primaryGenre, Integer originalReleaseYear,
                          List<String> platforms, String coverUrl, Long igdbId, String summary,
                          ParentGame parentGame, String relationshipType, List<EditionResponse> editions,
                          List<ExternalIdResponse> externalIds, List<?> playthroughs, List<?> lists,
                          Instant lastSyncedAt, Instant createdAt, Instant updatedAt) {

    record ParentGame(String slug, String name) {}

    /** {@code edition} is the slug of the edition the id belongs to, or null for the game itself. */
    record ExternalIdResponse(String source, String externalId, String edition) {}

    static GameDetailResponse from(GameService.Details details) {
        Game game = details.game();
        GameSummaryResponse summary = GameSummaryResponse.from(game, details.genres());
        return new GameDetailResponse(game.id(), game.slug(), game.name(), game.sortName(), summary.franchise(),
                summary.genres(), summary.primaryGenre(), game.originalReleaseYear(), game.platforms(),
                game.coverUrl(), game.igdbId(), game.summary(),
                game.parentGameId() == null ? null : new ParentGame(game.parentGameSlug(), game.parentGameName()),
                game.relationshipType(),
                details.editions().stream().map(EditionResponse::from).toList(),
                details.externalIds().stream()
                        .map(x -> new ExternalIdResponse(x.source(), x.externalId(), x.editionSlug()))
                        .toList(),
                details.playthroughs(), details.lists(),
                game.lastSyncedAt(), game.createdAt(), game.updatedAt());
    }
}
