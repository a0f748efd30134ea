package questlog.library;

import java.util.UUID;

/** A work in the compatibility API's {@code GET /works}: exactly the original's fields. */
record WorkResponse(UUID id, String name, String slug, RefResponse franchise, Integer originalReleaseYear) {

    static WorkResponse from(Work work) {
        return new WorkResponse(work.id(), work.name(), work.slug(),
                RefResponse.of(work.franchiseId(), work.franchiseName(), work.franchiseSlug()),
                work.originalReleaseYear());
    }
}
