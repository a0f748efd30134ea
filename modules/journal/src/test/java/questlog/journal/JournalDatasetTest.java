package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.DatasetCounts;
import questlog.common.DatasetProblem;
import questlog.common.DatasetProblems;
import questlog.testsupport.TestDatabase;

/** The journal's {@code playthroughs} section: field checks, references, upserts by id, export. */
class JournalDatasetTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static Jdbi jdbi;
    static final JournalDataset dataset = new JournalDataset(new TableCatalog());

    @BeforeAll
    static void catalog() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO game (id, slug, name) VALUES
                    ('00000000-0000-0000-0000-00000000000a', 'okami', 'Okami'),
                    ('00000000-0000-0000-0000-00000000000b', 'celeste', 'Celeste');
                INSERT INTO edition (game_id, slug, name) VALUES
                    ('00000000-0000-0000-0000-00000000000a', 'okami', 'Okami'),
                    ('00000000-0000-0000-0000-00000000000a', 'okami-hd', 'Okami HD'),
                    ('00000000-0000-0000-0000-00000000000b', 'celeste', 'Celeste')"""));
    }

    static JournalDataset.Section read(String json, DatasetProblems problems) throws IOException {
        try (JsonParser p = JSON.createParser(json.replace('\'', '"'))) {
            p.nextToken();
            return dataset.read(p, problems);
        }
    }

    static List<String> fields(DatasetProblems problems) {
        return problems.kept().stream().map(DatasetProblem::field).toList();
    }

    @Test
    void fieldProblemsNameTheRecordAndField() throws IOException {
        DatasetProblems problems = new DatasetProblems();
        var section = read("""
                [{'id': 'not-a-uuid', 'edition': 'okami', 'game': 'okami'},
                 {'id': '00000000-0000-0000-0000-000000000001', 'edition': 'okami', 'rating': 11, 'colour': 'red'},
                 {'id': '00000000-0000-0000-0000-000000000002', 'started_at': '2024-02-01', 'completed_at': '2024-01-01',
                  'edition': 'okami'},
                 {'id': '00000000-0000-0000-0000-000000000003'},
                 {'id': '00000000-0000-0000-0000-000000000004', 'edition': 'okami', 'playtime_hours': 1.5},
                 7]""", problems);
        assertThat(section.received()).isEqualTo(6);
        assertThat(fields(problems)).containsExactly("playthroughs[0].id", "playthroughs[1].colour", "playthroughs[1].rating",
                "playthroughs[2].completed_at", "playthroughs[3].edition", "playthroughs[4].playtime_hours", "playthroughs[5]");
        assertThat(problems.kept().get(1).id()).isEqualTo("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void referencesAreCheckedAgainstTheCatalogAndRecordsUpsertedById() throws IOException {
        String doc = """
                [{'id': '00000000-0000-0000-0000-000000000011', 'edition': 'okami-hd', 'game': 'okami', 'platform': 'ps3',
                  'started_at': '2024-01-01', 'completed_at': '2024-02-01', 'playtime_hours': 40, 'rating': 9, 'notes': ''},
                 {'id': '00000000-0000-0000-0000-000000000012', 'edition': null, 'game': 'celeste', 'platform': '',
                  'started_at': '2024-03-01', 'completed_at': null, 'playtime_hours': null, 'rating': null, 'notes': 'B-sides'}]""";
        DatasetProblems problems = new DatasetProblems();
        var section = read(doc, problems);
        DatasetCounts first = jdbi.inTransaction(h -> dataset.load(h, section, NOW, problems));
        assertThat(problems.isEmpty()).isTrue();
        assertThat(first).isEqualTo(new DatasetCounts(2, 2, 0, 0));
        var row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, playtime_minutes, source, platform, notes FROM playthrough WHERE id = '00000000-0000-0000-0000-000000000011'")
                .mapToMap().one());
        assertThat(row).containsEntry("status", "completed").containsEntry("playtime_minutes", 2400)
                .containsEntry("source", "import").containsEntry("platform", "ps3").containsEntry("notes", null);
        String second = jdbi.withHandle(h -> h.createQuery(
                "SELECT status FROM playthrough WHERE id = '00000000-0000-0000-0000-000000000012'").mapTo(String.class).one());
        assertThat(second).isEqualTo("playing");

        DatasetProblems again = new DatasetProblems();
        var same = read(doc, again);
        DatasetCounts unchanged = jdbi.inTransaction(h -> dataset.load(h, same, NOW, again));
        assertThat(unchanged).isEqualTo(new DatasetCounts(2, 0, 0, 2));
        DatasetProblems changed = new DatasetProblems();
        var rated = read(doc.replace("'rating': 9", "'rating': 8"), changed);
        DatasetCounts updated = jdbi.inTransaction(h -> dataset.load(h, rated, NOW, changed));
        assertThat(updated).isEqualTo(new DatasetCounts(2, 0, 1, 1));
    }

    @Test
    void brokenReferencesAreProblemsAndNothingIsWritten() throws IOException {
        DatasetProblems problems = new DatasetProblems();
        var section = read("""
                [{'id': '00000000-0000-0000-0000-000000000021', 'edition': 'no-such-edition'},
                 {'id': '00000000-0000-0000-0000-000000000022', 'edition': 'okami-hd', 'game': 'celeste'},
                 {'id': '00000000-0000-0000-0000-000000000023', 'game': 'no-such-game'},
                 {'id': '00000000-0000-0000-0000-000000000024', 'edition': 'celeste'},
                 {'id': '00000000-0000-0000-0000-000000000024', 'edition': 'celeste'}]""", problems);
        DatasetCounts counts = jdbi.inTransaction(h -> dataset.load(h, section, NOW, problems));
        assertThat(fields(problems)).containsExactly("playthroughs[4].id", "playthroughs[0].edition",
                "playthroughs[1].game", "playthroughs[2].game");
        assertThat(counts).isEqualTo(new DatasetCounts(5, 0, 0, 0));
        int written = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM playthrough WHERE id = '00000000-0000-0000-0000-000000000024'").mapTo(Integer.class).one());
        assertThat(written).isZero();
    }

    @Test
    void theExportWritesTheFormatsFieldsInIdOrder() throws IOException {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO playthrough (id, game_id, status, started_at, playtime_minutes, rating)
                VALUES ('00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-00000000000b', 'playing',
                        '2025-05-05', 95, 6),
                       ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-00000000000b', 'planned',
                        NULL, NULL, NULL)"""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jdbi.useTransaction(h -> {
            try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.writeStartObject();
                dataset.export(h, g, 1);
                g.writeEndObject();
            }
        });
        var exported = JSON.readTree(out.toByteArray()).get("playthroughs");
        var mine = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        exported.forEach(p -> {
            if (p.get("id").asText().startsWith("00000000-0000-0000-0000-0000000000f")) {
                mine.add(p);
            }
        });
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).toString()).isEqualTo("{\"id\":\"00000000-0000-0000-0000-0000000000f1\",\"edition\":null,"
                + "\"game\":\"celeste\",\"platform\":\"\",\"started_at\":null,\"completed_at\":null,\"playtime_hours\":null,"
                + "\"rating\":null,\"notes\":\"\"}");
        assertThat(mine.get(1).get("playtime_hours").asInt()).isEqualTo(2);
        assertThat(mine.get(1).get("started_at").asText()).isEqualTo("2025-05-05");
        List<String> ids = new java.util.ArrayList<>();
        exported.forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).isSorted();
    }
}
