package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/**
 * The platforms migration on a journal written before it: every spelling of a known platform
 * becomes its key, unknown ones are registered under a key of their own, and the read side shows
 * the display name.
 */
class PlatformsMigrationTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final String PLATFORMS = "202612070200";

    @Test
    void existingPlatformsAreNormalisedToOneKeyEach() {
        Jdbi jdbi = Jdbi.create(db.dataSource());
        SchemaBefore.migration(db.dataSource(), PLATFORMS);
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO game (id, slug, name) VALUES ('00000000-0000-0000-0000-00000000000a', 'okami', 'Okami');
                INSERT INTO playthrough (id, game_id, status, platform) VALUES
                    ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a', 'planned', 'PS4'),
                    ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-00000000000a', 'planned', 'ps4'),
                    ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-00000000000a', 'planned', 'PlayStation 4'),
                    ('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-00000000000a', 'planned', 'Atari  Jaguar'),
                    ('00000000-0000-0000-0000-000000000005', '00000000-0000-0000-0000-00000000000a', 'planned', 'atari jaguar'),
                    ('00000000-0000-0000-0000-000000000006', '00000000-0000-0000-0000-00000000000a', 'planned', NULL)"""));

        SchemaBefore.migrateTheRest(db.dataSource());

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.platform AS key, pf.name FROM playthrough p LEFT JOIN platform pf ON pf.key = p.platform
                        ORDER BY p.id""").mapToMap().list());
        assertThat(rows).extracting(r -> r.get("key") + "/" + r.get("name")).containsExactly(
                "ps4/PlayStation 4", "ps4/PlayStation 4", "ps4/PlayStation 4",
                "atari-jaguar/Atari Jaguar", "atari-jaguar/Atari Jaguar", "null/null");
    }
}
