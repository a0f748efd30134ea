package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/**
 * The migration that keeps a game's genres with its kept stats also recounts them: on a database
 * where games were deleted with their playthroughs' cascade first, their genres still counted
 * their completions, and after the migration they do not.
 */
class GenreStatsRepairMigrationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String KEEPS_ITS_GENRES = "202612071930";

    @Test
    void genresStillCountingADeletedGamesCompletionsAreRecounted() {
        Jdbi jdbi = Jdbi.create(db.dataSource());
        SchemaBefore.migration(db.dataSource(), KEEPS_ITS_GENRES);
        jdbi.useHandle(h -> {
            // The playthroughs' cascade first, the order that lost a deleted game's genre figures.
            assertThat(CascadeOrder.force(h, List.of("playthrough", "game_genre"))).containsExactly("playthrough", "game_genre");
            h.execute("""
                    INSERT INTO game (id, slug, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'okami', 'Okami'),
                                                             ('00000000-0000-0000-0000-00000000000b', 'ico', 'Ico');
                    INSERT INTO genre (id, slug, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'action', 'Action');
                    INSERT INTO game_genre (game_id, genre_id) VALUES
                        ('00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-0000000000a1'),
                        ('00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-0000000000a1');
                    INSERT INTO playthrough (game_id, status, completed_at, playtime_minutes) VALUES
                        ('00000000-0000-0000-0000-00000000000a', 'completed', DATE '2021-03-04', 233),
                        ('00000000-0000-0000-0000-00000000000b', 'completed', DATE '2022-05-06', 40)""");
            h.execute("DELETE FROM game WHERE slug = 'okami'");
        });
        String key = "00000000-0000-0000-0000-0000000000a1";
        String before = jdbi.withHandle(h -> actionFigures(h, key));
        assertThat(before).as("the genre's kept figures before the migration").isEqualTo("(2,2,273)");

        SchemaBefore.migrateTheRest(db.dataSource());

        String after = jdbi.withHandle(h -> actionFigures(h, key));
        assertThat(after).as("after it: Ico alone").isEqualTo("(1,1,40)");
        // And a game deleted now, with the same cascade order, leaves its genre's figures.
        jdbi.useHandle(h -> h.execute("DELETE FROM game WHERE slug = 'ico'"));
        String afterIco = jdbi.withHandle(h -> actionFigures(h, key));
        assertThat(afterIco).as("after Ico's deletion").isEqualTo("(0,0,0)");
    }

    /** The kept completions, games and minutes of a genre, as a row's text. */
    private static String actionFigures(Handle h, String genre) {
        return h.createQuery("""
                SELECT ROW(COALESCE(sum(n), 0), COALESCE(sum(games), 0), COALESCE(sum(minutes), 0))::text
                FROM journal_stats_delta WHERE dim = 'genre' AND key = :genre""").bind("genre", genre).mapTo(String.class).one();
    }
}
