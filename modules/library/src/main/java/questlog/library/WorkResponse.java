package questlog.library;

import java.util.UUID;

/** A work in the compatibility API's {@code GET /works}: exactly the original's fields. */
record WorkResponse(UUID id, String name, String slug, RefResponse franchise, Integer originalReleaseYear) {

    static WorkResponse from(Game game) {
        return new WorkResponse(game.id(), game.name(), game.slug(),
                RefResponse.of(game.franchiseId(), game.franchiseName(), game.franchiseSlug()),
                game.originalReleaseYear());
    }
}
