package questlog.library.catalog;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /games/{slug}}: the summary fields plus text, lineage, editions and external ids,
 * then the other modules' members of the detail ({@link questlog.common.GameDetailSection}: the
 * journal's {@code playthroughs}, the lists' {@code lists}, ...), after {@code updated_at}, in
 * module order. The OpenAPI document shows each with its own type.
 */
public record GameDetailResponse(UUID id, String slug, String name, String sortName, RefResponse franchise,
                          List<RefResponse> genres, RefResponse primaryGenre, Integer originalReleaseYear,
                          List<String> platforms, String coverUrl, Long igdbId, String summary,
                          ParentGame parentGame, String relationshipType, List<EditionResponse> editions,
                          List<ExternalIdResponse> externalIds, Instant lastSyncedAt, Instant createdAt,
                          Instant updatedAt, @JsonIgnore Map<String, List<?>> sections) {

    /** The sections as members of the object itself, after the fields above. */
    @JsonAnyGetter
    Map<String, List<?>> members() {
        return sections;
    }

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
                game.lastSyncedAt(), game.createdAt(), game.updatedAt(), details.sections());
    }
}
