package questlog.app;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which cached answers a change can affect. By default every change affects every answer; the
 * hottest reads say more here: the tables they never read, the tables whose changes reach them
 * only through the game or list in their path (the change feed names those games and lists, see
 * {@link ChangeFeed.Change}), and for the games listing, which changes can reach a page. Kept
 * beside the read cache, in one place, because an answer like a game's detail is assembled from
 * several modules' tables.
 * <p>
 * Routes marked as lagging may answer, to a request that arrives while a newer version is being
 * computed, the version from before the change (their OpenAPI descriptions say so): they are
 * aggregates over the whole library that many changes invalidate.
 */
final class ReadDependencies {

    /** What the cache knows of an answer: its route template, path parameters, raw query and the keys it showed. */
    record Answer(String route, Map<String, String> params, String query, Set<String> shows) {}

    /** Whether a change of one table reaches an answer; for changes with keys only (a whole-table change always does). */
    @FunctionalInterface
    interface Reach {
        boolean reaches(ChangeFeed.Change change, Answer answer);
    }

    private record Route(Map<String, Reach> byTable, boolean mayLag) {}

    /** Tables written with every change, or never shown by these reads. */
    private static final Set<String> BOOKKEEPING = Set.of("event", "api_token", "job", "igdb_token", "igdb_response");
    private static final Reach NEVER = (change, answer) -> false;

    private final Map<String, Route> routes;

    private ReadDependencies(Map<String, Route> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** The routes of this server. */
    static ReadDependencies questlog() {
        Map<String, Route> routes = new HashMap<>();
        // A page of games shows each game's own row, franchise and genres: a game change reaches
        // the pages showing that game, and the pages whose filter or order looks at what changed
        // (the c:* keys of the change feed). Playthroughs matter only to the status filter.
        Map<String, Reach> listing = never(BOOKKEEPING, "list", "list_entry", "list_activity", "play_session",
                "profile", "profile_snapshot");
        listing.put("game", ReadDependencies::reachesListingPage);
        listing.put("playthrough", (change, answer) -> hasParam(answer.query(), "status"));
        routes.put("/api/games", new Route(listing, false));

        Map<String, Reach> detail = never(BOOKKEEPING, "list_activity");
        for (String table : Set.of("game", "edition", "external_id", "game_genre", "playthrough", "play_session",
                "list", "list_entry")) {
            detail.put(table, keyedBy("slug", "g"));
        }
        routes.put("/api/games/{slug}", new Route(detail, false));

        Map<String, Reach> list = never(BOOKKEEPING, "list_activity", "edition", "external_id", "game_genre", "genre",
                "franchise", "playthrough", "play_session", "profile", "profile_snapshot");
        for (String table : Set.of("game", "list", "list_entry")) {
            list.put(table, keyedBy("slug", "l"));
        }
        routes.put("/api/lists/{slug}", new Route(list, false));

        // The stats read of a game only its existence, franchise, name and slug (the year in
        // review's highlights): a cover, summary or year changed leaves them as they were.
        Map<String, Reach> stats = never(BOOKKEEPING, "list", "list_entry", "list_activity", "edition",
                "external_id", "profile", "profile_snapshot");
        stats.put("game", (change, answer) -> change.keys().contains("c:rows") || change.keys().contains("c:name")
                || change.keys().contains("c:franchise"));
        routes.put("/api/stats", new Route(stats, true));
        return new ReadDependencies(routes);
    }

    private static Map<String, Reach> never(Set<String> tables, String... more) {
        Set<String> all = new HashSet<>(tables);
        all.addAll(Set.of(more));
        Map<String, Reach> reach = new HashMap<>();
        all.forEach(t -> reach.put(t, NEVER));
        return reach;
    }

    /** The change reaches the answer when it names the game or list in the answer's path. */
    private static Reach keyedBy(String param, String dimension) {
        return (change, answer) -> {
            String value = answer.params().get(param);
            return value == null || change.keys().contains(dimension + ":" + value);
        };
    }

    /**
     * A game change reaches a page of {@code GET /api/games} when the page shows that game, when
     * games came or went or were renamed (every page: totals, the name and relevance orders, the
     * search), when the page filters or orders on the column that changed, or orders by update
     * time (every change moves it).
     */
    private static boolean reachesListingPage(ChangeFeed.Change change, Answer page) {
        Set<String> keys = change.keys();
        String query = page.query();
        return keys.contains("c:rows") || keys.contains("c:name")
                || page.shows() == null || page.shows().stream().anyMatch(keys::contains)
                || sortsOn(query, "updated")
                || keys.contains("c:year") && (hasParam(query, "year") || sortsOn(query, "year"))
                || keys.contains("c:platforms") && hasParam(query, "platform")
                || keys.contains("c:franchise") && hasParam(query, "franchise")
                || keys.contains("c:created") && sortsOn(query, "created");
    }

    /** Whether the query has a sort on this column (either direction); any doubt counts as yes. */
    private static boolean sortsOn(String query, String column) {
        return query != null && hasParam(query, "sort") && query.contains(column);
    }

    private static boolean hasParam(String query, String name) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the change can alter this answer. */
    boolean affects(ChangeFeed.Change change, Answer answer) {
        Route route = routes.get(answer.route());
        if (route == null) {
            return true;
        }
        Reach reach = route.byTable().get(change.table());
        if (reach == NEVER) {
            return false;
        }
        return reach == null || change.keys() == null || reach.reaches(change, answer);
    }

    boolean mayLag(String route) {
        Route r = routes.get(route);
        return r != null && r.mayLag();
    }
}
