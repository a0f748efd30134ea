package questlog.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.FakeSteam;

/**
 * A 5,000-game Steam library for the sync's volume tests and benchmark: 4,000 games IGDB knows
 * by appid (a generated catalog whose i-th game has Steam appid 100000 + i) and 1,000 it does not,
 * 50 of which the library already has under their exact names. A third were never played, a
 * seventh played in the last two weeks. Same data on every call.
 */
final class SteamLibraryFixture {
    static final String STEAM_ID = "76561197960287930";
    static final int KNOWN_TO_IGDB = 4_000, UNKNOWN = 1_000, ALREADY_IN_LIBRARY = 50;
    static final int GAMES = KNOWN_TO_IGDB + UNKNOWN;
    /** Fixed times, so two runs see the same Steam answers. */
    private static final long PLAYED_AT = 1_760_000_000L;

    private SteamLibraryFixture() {}

    static FakeIgdbCatalog catalog() {
        return FakeIgdbCatalog.generated(KNOWN_TO_IGDB, 7);
    }

    static void fill(FakeSteam steam, FakeIgdbCatalog catalog) {
        FakeSteam.Account account = steam.account(STEAM_ID, "Rabscuttle").vanity("gabelogannewell");
        List<FakeIgdbCatalog.Game> games = catalog.games();
        for (int i = 1; i <= KNOWN_TO_IGDB; i++) {
            account.game(game(100_000 + i, games.get(i - 1).name(), i));
        }
        for (int j = 1; j <= UNKNOWN; j++) {
            account.game(game(900_000 + j, unknownName(j), j));
        }
    }

    private static FakeSteam.Game game(long appId, String name, int n) {
        if (n % 3 == 0) {
            return new FakeSteam.Game(appId, name, 0, 0, 0);
        }
        int minutes = 10 + (n * 37) % 6000;
        return n % 7 == 0 ? new FakeSteam.Game(appId, name, minutes, Math.min(minutes, 120), PLAYED_AT + n)
                : new FakeSteam.Game(appId, name, minutes, 0, PLAYED_AT - 86_400L * (n % 900));
    }

    static String unknownName(int j) {
        return "Unlisted Game " + j;
    }

    /** Games the library has before the sync: the first {@value #ALREADY_IN_LIBRARY} unknown names. */
    static void seed(Jdbi jdbi) {
        jdbi.useTransaction(h -> {
            var insert = h.prepareBatch("INSERT INTO game (name, slug) VALUES (:name, :slug)");
            for (int j = 1; j <= ALREADY_IN_LIBRARY; j++) {
                insert.bind("name", unknownName(j)).bind("slug", "unlisted-game-" + j).add();
            }
            insert.execute();
        });
    }

    /** What a sync leaves, ids aside: games with their IGDB id and Steam ids, then Steam playthroughs. */
    static List<String> state(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            List<String> lines = new ArrayList<>(h.createQuery("""
                            SELECT 'game ' || g.slug || ' ' || g.name || ' ' || COALESCE(g.igdb_id::text, '-') || ' '
                                   || COALESCE(g.original_release_year::text, '-') || ' '
                                   || COALESCE((SELECT string_agg(x.source || ':' || x.external_id, ',' ORDER BY x.external_id)
                                                FROM external_id x WHERE x.game_id = g.id), '-')
                            FROM game g ORDER BY g.slug""").mapTo(String.class).list());
            lines.addAll(h.createQuery("""
                            SELECT 'playthrough ' || p.source_ref || ' ' || g.slug || ' ' || p.status || ' '
                                   || COALESCE(p.playtime_minutes::text, '-') || ' ' || COALESCE(p.platform, '-')
                            FROM playthrough p JOIN game g ON g.id = p.game_id ORDER BY p.source_ref""")
                    .mapTo(String.class).list());
            return lines;
        });
    }

    static Map<String, Object> job(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT state, done, total, attempts FROM job WHERE type = 'steam_library_sync'
                        ORDER BY created_at DESC LIMIT 1""")
                .mapToMap().findOne().map(java.util.HashMap::new).orElse(null));
    }
}
