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
        // the pages showing that game, every page when it can move games in or out or reorder
        // them (c:listing), and every page ordered by update time. Playthroughs matter only to
        // the status filter.
        Map<String, Reach> listing = never(BOOKKEEPING, "list", "list_entry", "list_activity", "play_session",
                "profile", "profile_snapshot");
        listing.put("game", (change, answer) -> change.keys().contains("c:listing") || sortsByUpdate(answer.query())
                || answer.shows() == null || answer.shows().stream().anyMatch(change.keys()::contains));
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

        routes.put("/api/stats", new Route(never(BOOKKEEPING, "list", "list_entry", "list_activity", "edition",
                "external_id", "profile", "profile_snapshot"), true));
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

    private static boolean sortsByUpdate(String query) {
        return query != null && query.contains("updated");
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
