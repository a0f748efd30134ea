package questlog.library.compat;

import java.util.UUID;
import questlog.library.catalog.RefResponse;

/** A work in the compatibility API's {@code GET /works}: exactly the original's fields. */
public record WorkResponse(UUID id, String name, String slug, RefResponse franchise, Integer originalReleaseYear) {

    static WorkResponse from(Work work) {
        return new WorkResponse(work.id(), work.name(), work.slug(),
                RefResponse.of(work.franchiseId(), work.franchiseName(), work.franchiseSlug()),
                work.originalReleaseYear());
    }
}
