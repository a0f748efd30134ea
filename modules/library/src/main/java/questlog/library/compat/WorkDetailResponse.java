package questlog.library.compat;

import java.util.List;
import java.util.UUID;
import questlog.library.catalog.RefResponse;

/** {@code GET /works/{slug}} and {@code GET /editions/by-twitch/{id}}: a work with its editions. */
public record WorkDetailResponse(UUID id, String name, String slug, RefResponse franchise, Integer originalReleaseYear,
                          List<WorkEditionResponse> editions) {

    static WorkDetailResponse from(CompatService.WorkDetails details) {
        WorkResponse work = WorkResponse.from(details.work());
        return new WorkDetailResponse(work.id(), work.name(), work.slug(), work.franchise(),
                work.originalReleaseYear(), details.editions().stream().map(WorkEditionResponse::from).toList());
    }
}
