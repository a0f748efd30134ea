package questlog.library.catalog;

import java.util.UUID;

/** {@code {"id", "name", "slug"}}: a franchise, or a genre as a game lists it. */
public record RefResponse(UUID id, String name, String slug) {

    /** The reference, or null when there is nothing to refer to. */
    public static RefResponse of(UUID id, String name, String slug) {
        return id == null ? null : new RefResponse(id, name, slug);
    }

    static RefResponse from(Franchise franchise) {
        return new RefResponse(franchise.id(), franchise.name(), franchise.slug());
    }

    static RefResponse from(GameGenre genre) {
        return new RefResponse(genre.id(), genre.name(), genre.slug());
    }
}
