package questlog.library.catalog;

import java.util.List;
import java.util.Map;
import questlog.common.FieldErrors;

/**
 * The validated filters, order and window of {@code GET /games}. Parsing collects every bad
 * parameter and answers one 400; unknown parameters are ignored. {@code status} keeps the games
 * with at least one playthrough in that status.
 */
record GameQuery(String q, String franchise, String genre, String platform, Integer year, String status, Sort sort,
                 int limit, int offset) {

    /** The journal's playthrough statuses (its table's CHECK constraint lists the same). */
    static final List<String> STATUSES = List.of("planned", "playing", "paused", "completed", "abandoned");

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 5000;

    /**
     * Orders a client may ask for, plus the relevance order of a search. Each carries its ORDER
     * BY clause, so SQL is only ever built from this whitelist; every order ends on the unique
     * slug, so pages never overlap. Names compare by their sort key (game.sort_key: sort_name,
     * else the name without a leading article, folded, in the library_name collation); unknown
     * years sort last both ways.
     */
    enum Sort {
        NAME("name", "g.sort_key, g.slug"),
        NAME_DESC("-name", "g.sort_key DESC, g.slug DESC"),
        YEAR("year", "g.original_release_year NULLS LAST, g.slug"),
        YEAR_DESC("-year", "g.original_release_year DESC NULLS LAST, g.slug"),
        CREATED("created", "g.created_at, g.slug"),
        CREATED_DESC("-created", "g.created_at DESC, g.slug"),
        UPDATED("updated", "g.updated_at, g.slug"),
        UPDATED_DESC("-updated", "g.updated_at DESC, g.slug"),
        /**
         * The order of {@code q} when no {@code sort} is given (it has no parameter of its own):
         * the exact name (folded, leading article optional, or the sort_name) first, then games
         * where every word of {@code q} is a whole word, then those where some are only word
         * prefixes; by name within each. The query's key and words are computed once per
         * statement (the sub-selects), not once per row.
         */
        RELEVANCE(null, """
                CASE WHEN g.sort_key = (SELECT library_sort_key(:q, NULL))
                          OR g.sort_name IS NOT NULL AND library_sort_key(g.name, NULL) = (SELECT library_sort_key(:q, NULL))
                     THEN 0
                     WHEN g.search_vector @@ (SELECT library_search_query(:q, false)) THEN 1
                     ELSE 2 END, g.sort_key, g.slug""");

        final String param;
        final String orderBy;

        Sort(String param, String orderBy) {
            this.param = param;
            this.orderBy = orderBy;
        }

        static Sort fromParam(String value) {
            for (Sort sort : values()) {
                if (value.equals(sort.param)) {
                    return sort;
                }
            }
            return null;
        }

        static List<String> params() {
            return java.util.Arrays.stream(values()).map(s -> s.param).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** Reads the query string; blank values count as absent. Throws a 400 listing every bad parameter. */
    static GameQuery parse(Map<String, List<String>> params) {
        var errors = new FieldErrors();
        Integer year = null;
        String rawYear = first(params, "year");
        if (rawYear != null) {
            year = parseInt(rawYear);
            errors.check(year != null, "year", "must be a whole number (got '" + rawYear + "')");
        }
        // A search is ordered by relevance unless a sort is asked for; a listing by name.
        Sort sort = first(params, "q") != null ? Sort.RELEVANCE : Sort.NAME;
        String rawSort = first(params, "sort");
        if (rawSort != null) {
            sort = Sort.fromParam(rawSort);
            errors.check(sort != null, "sort", "must be one of " + Sort.params() + " (got '" + rawSort + "')");
        }
        int limit = DEFAULT_LIMIT;
        String rawLimit = first(params, "limit");
        if (rawLimit != null) {
            Integer parsed = parseInt(rawLimit);
            if (parsed == null || parsed < 1 || parsed > MAX_LIMIT) {
                errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT + " (got '" + rawLimit + "')");
            } else {
                limit = parsed;
            }
        }
        int offset = 0;
        String rawOffset = first(params, "offset");
        if (rawOffset != null) {
            Integer parsed = parseInt(rawOffset);
            if (parsed == null || parsed < 0) {
                errors.add("offset", "must be a whole number from 0 to " + Integer.MAX_VALUE + " (got '" + rawOffset + "')");
            } else {
                offset = parsed;
            }
        }
        for (String name : List.of("q", "franchise", "genre", "platform")) {
            String value = first(params, name);
            String problem = value == null ? null : questlog.common.Texts.unstorable(value);
            errors.check(problem == null, name, problem);
        }
        String status = first(params, "status");
        errors.check(status == null || STATUSES.contains(status), "status",
                "must be one of " + STATUSES + " (got '" + status + "')");
        errors.throwIfBadRequest();
        return new GameQuery(first(params, "q"), first(params, "franchise"), first(params, "genre"),
                first(params, "platform"), year, status, sort, limit, offset);
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        return values.getFirst();
    }

    static Integer parseInt(String raw) {
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
