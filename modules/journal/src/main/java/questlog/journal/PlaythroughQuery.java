package questlog.journal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Validated filters, order and window of {@code GET /api/playthroughs}. {@code year} matches the
 * year a playthrough was completed in, or, while it is not completed, the year it was started in.
 * {@code platform} matches regardless of case; {@code game} is a game slug (null for all games).
 */
record PlaythroughQuery(PlaythroughStatus status, String platform, Integer year, String game, Sort sort, int limit,
                        int offset) {

    PlaythroughQuery forGame(String slug) {
        return new PlaythroughQuery(status, platform, year, slug, sort, limit, offset);
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 5000;

    /**
     * The orders offered by {@code sort=}; a leading minus means descending. Missing values sort
     * last either way, and ties fall back to newest first, then id, so pages never overlap.
     */
    enum Sort {
        COMPLETED_DESC("-completed_at", "p.completed_at DESC NULLS LAST"),
        COMPLETED_ASC("completed_at", "p.completed_at ASC NULLS LAST"),
        STARTED_DESC("-started_at", "p.started_at DESC NULLS LAST"),
        STARTED_ASC("started_at", "p.started_at ASC NULLS LAST"),
        RATING_DESC("-rating", "p.rating DESC NULLS LAST, p.completed_at DESC NULLS LAST"),
        RATING_ASC("rating", "p.rating ASC NULLS LAST, p.completed_at DESC NULLS LAST"),
        PLAYTIME_DESC("-playtime", "p.playtime_total DESC NULLS LAST"),
        PLAYTIME_ASC("playtime", "p.playtime_total ASC NULLS LAST"),
        CREATED_DESC("-created_at", "p.created_at DESC"),
        CREATED_ASC("created_at", "p.created_at ASC");

        final String param;
        private final String orderBy;

        Sort(String param, String orderBy) {
            this.param = param;
            this.orderBy = orderBy;
        }

        /** The ORDER BY clause, with the tie-breakers that make it total. */
        String orderBy() {
            return orderBy + (this == CREATED_ASC ? ", p.id ASC" : ", p.created_at DESC, p.id DESC");
        }

        static Optional<Sort> parse(String param) {
            return Arrays.stream(values()).filter(s -> s.param.equals(param)).findFirst();
        }

        static List<String> params() {
            return Arrays.stream(values()).map(s -> s.param).toList();
        }
    }
}
