package questlog.library.catalog;

import java.util.UUID;

/** A genre as {@code GET /genres} lists it (the original API's shape). */
public record GenreResponse(UUID id, String name, String slug, Long igdbId, UUID parentId) {

    static GenreResponse from(Genre genre) {
        return new GenreResponse(genre.id(), genre.name(), genre.slug(), genre.igdbId(), genre.parentId());
    }
}
