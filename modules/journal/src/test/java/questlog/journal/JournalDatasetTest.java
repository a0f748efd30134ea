package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.Json;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetProblem;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.SectionHarness;
import questlog.testsupport.TableGameLookup;
import questlog.testsupport.TestDatabase;

/** The journal's {@code playthroughs} section: field checks, references, upserts by id, export. */
class JournalDatasetTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper APP_JSON = Json.objectMapper();
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static Jdbi jdbi;
    static final RecordingEventLog events = new RecordingEventLog();
    static JournalDataset dataset;
    static PlaythroughService playthroughs;

    @BeforeAll
    static void catalog() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        TableGameLookup catalog = new TableGameLookup();
        playthroughs = new PlaythroughService(jdbi, java.time.Clock.systemUTC(), catalog, events);
        dataset = new JournalDataset(catalog, events);
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO game (id, slug, name) VALUES
                    ('00000000-0000-0000-0000-00000000000a', 'okami', 'Okami'),
                    ('00000000-0000-0000-0000-00000000000b', 'celeste', 'Celeste');
                INSERT INTO edition (game_id, slug, name) VALUES
                    ('00000000-0000-0000-0000-00000000000a', 'okami', 'Okami'),
                    ('00000000-0000-0000-0000-00000000000a', 'okami-hd', 'Okami HD'),
                    ('00000000-0000-0000-0000-00000000000b', 'celeste', 'Celeste')"""));
    }

    /** Reads the section's records (single quotes for double ones) into a fresh document. */
    static DatasetSection.SectionImport read(String json, SectionHarness document) throws IOException {
        return document.read(dataset, JSON.readTree(json.replace('\'', '"')));
    }

    static SectionHarness document() {
        return new SectionHarness(DatasetFormat.BENCH, NOW);
    }

    static List<String> fields(DatasetProblems problems) {
        return problems.kept().stream().map(DatasetProblem::field).toList();
    }

    @Test
    void fieldProblemsNameTheRecordAndField() throws IOException {
        SectionHarness doc = document();
        DatasetProblems problems = doc.problems();
        read("""
                [{'id': 'not-a-uuid', 'edition': 'okami', 'game': 'okami'},
                 {'id': '00000000-0000-0000-0000-000000000001', 'edition': 'okami', 'rating': 11, 'colour': 'red'},
                 {'id': '00000000-0000-0000-0000-000000000002', 'started_at': '2024-02-01', 'completed_at': '2024-01-01',
                  'edition': 'okami'},
                 {'id': '00000000-0000-0000-0000-000000000003'},
                 {'id': '00000000-0000-0000-0000-000000000004', 'edition': 'okami', 'playtime_hours': 1.5},
                 7]""", doc);
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
        SectionHarness firstDoc = document();
        DatasetCounts first = SectionHarness.load(jdbi, read(doc, firstDoc));
        assertThat(firstDoc.problems().isEmpty()).isTrue();
        assertThat(first).isEqualTo(new DatasetCounts(2, 2, 0, 0));
        var row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, playtime_minutes, source, platform, notes FROM playthrough WHERE id = '00000000-0000-0000-0000-000000000011'")
                .mapToMap().one());
        assertThat(row).containsEntry("status", "completed").containsEntry("playtime_minutes", 2400)
                .containsEntry("source", "import").containsEntry("platform", "ps3").containsEntry("notes", null);
        String second = jdbi.withHandle(h -> h.createQuery(
                "SELECT status FROM playthrough WHERE id = '00000000-0000-0000-0000-000000000012'").mapTo(String.class).one());
        assertThat(second).isEqualTo("playing");

        DatasetCounts unchanged = SectionHarness.load(jdbi, read(doc, document()));
        assertThat(unchanged).isEqualTo(new DatasetCounts(2, 0, 0, 2));
        DatasetCounts updated = SectionHarness.load(jdbi, read(doc.replace("'rating': 9", "'rating': 8"), document()));
        assertThat(updated).isEqualTo(new DatasetCounts(2, 0, 1, 1));
    }

    /** Loads and records the events, as the importer does when no section had a problem. */
    static DatasetCounts loadWithEvents(DatasetSection.SectionImport section) {
        return jdbi.inTransaction(h -> {
            DatasetCounts counts = section.load(h);
            section.recordEvents(h);
            return counts;
        });
    }

    @Test
    void anImportAnnouncesWhatItCreatedAndChangedAndNothingElse() throws IOException {
        String doc = """
                [{'id': '00000000-0000-0000-0000-000000000041', 'edition': 'okami', 'completed_at': '2024-03-01', 'rating': 9},
                 {'id': '00000000-0000-0000-0000-000000000042', 'game': 'celeste', 'started_at': '2024-05-01'},
                 {'id': '00000000-0000-0000-0000-000000000043', 'game': 'celeste'}]""";
        events.clear();
        assertThat(loadWithEvents(read(doc, document()))).isEqualTo(new DatasetCounts(3, 3, 0, 0));
        assertThat(events.events()).extracting(RecordingEventLog.Recorded::type).containsExactlyInAnyOrder(
                EventTypes.PLAYTHROUGH_COMPLETE, EventTypes.PLAYTHROUGH_STARTED, EventTypes.PLAYTHROUGH_ADDED);
        JsonNode completed = (JsonNode) events.events(EventTypes.PLAYTHROUGH_COMPLETE).getFirst().payload();
        assertThat(completed.get("game").asText()).isEqualTo("okami");
        assertThat(completed.get("rating").asInt()).isEqualTo(9);
        // Each event shows its playthrough as the API does: game, edition, platform, hours and all.
        for (RecordingEventLog.Recorded event : events.events()) {
            assertThat(asStored((JsonNode) event.payload())).isEqualTo(asTheApiShowsIt((JsonNode) event.payload()));
        }
        assertThat(completed.get("edition").asText()).isEqualTo("Okami");

        events.clear();
        assertThat(loadWithEvents(read(doc, document()))).isEqualTo(new DatasetCounts(3, 0, 0, 3));
        assertThat(events.events()).as("the same document again changes nothing, and says nothing").isEmpty();

        assertThat(loadWithEvents(read(doc.replace("'rating': 9", "'rating': 7"), document())))
                .isEqualTo(new DatasetCounts(3, 0, 1, 2));
        assertThat(events.events()).extracting(RecordingEventLog.Recorded::type)
                .containsExactly(EventTypes.PLAYTHROUGH_UPDATED);
        JsonNode updated = (JsonNode) events.events().getFirst().payload();
        assertThat(updated.get("rating").asInt()).isEqualTo(7);
        assertThat(asStored(updated)).isEqualTo(asTheApiShowsIt(updated));
    }

    @Test
    void importedEventsShowEveryKindOfPlaythroughAsTheApiWritesIt() {
        // Each status, with and without edition, platform, dates, rating and notes,
        // and minutes whose hours round: 3 min is 0.05 h, up to 0.1; 5 min 0.08 h; 9 min 0.15 h, up to 0.2.
        List<UUID> ids = jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO playthrough (id, game_id, edition_id, platform, status, started_at, completed_at,
                                                 playtime_minutes, rating, notes, source, created_at, updated_at)
                        SELECT v.id, e.game_id, CASE WHEN v.with_edition THEN e.id END, v.platform, v.status,
                               CAST(v.started_at AS date), CAST(v.completed_at AS date), v.minutes, CAST(v.rating AS smallint),
                               v.notes, 'import', now() + v.n * interval '1 ms', now()
                        FROM (VALUES (1, CAST('00000000-0000-0000-0000-000000000061' AS uuid), true, 'ps2', 'completed',
                                      '2023-12-30', '2024-01-02', 3, 10, 'tab	and "quotes" and ünïcode'),
                                     (2, '00000000-0000-0000-0000-000000000062', false, NULL, 'paused', NULL, NULL, 5, NULL, NULL),
                                     (3, '00000000-0000-0000-0000-000000000063', false, NULL, 'abandoned',
                                      '2020-02-29', NULL, 9, 1, 'x'),
                                     (4, '00000000-0000-0000-0000-000000000064', true, NULL, 'planned', NULL, NULL, NULL, NULL, NULL),
                                     (5, '00000000-0000-0000-0000-000000000065', false, 'ps2', 'playing', '2024-05-01', NULL,
                                      600000, NULL, NULL))
                             AS v(n, id, with_edition, platform, status, started_at, completed_at, minutes, rating, notes)
                        CROSS JOIN edition e WHERE e.slug = 'okami'
                        ORDER BY v.n
                        RETURNING id""").mapTo(UUID.class).list());
        events.clear();
        ImportedPlaythroughs written = new ImportedPlaythroughs();
        ids.forEach(id -> written.add(id, true));
        written.add(ids.get(2), false);
        jdbi.useTransaction(h -> written.recordEvents(h, events));

        assertThat(events.events()).extracting(RecordingEventLog.Recorded::type).containsExactly(
                EventTypes.PLAYTHROUGH_COMPLETE, EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_ADDED,
                EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_STARTED, EventTypes.PLAYTHROUGH_UPDATED);
        for (RecordingEventLog.Recorded event : events.events()) {
            assertThat(asStored((JsonNode) event.payload())).isEqualTo(asTheApiShowsIt((JsonNode) event.payload()));
        }
        assertThat(events.events()).extracting(e -> ((JsonNode) e.payload()).get("playtime_hours").toString())
                .containsExactly("0.1", "0.1", "0.2", "null", "10000.0", "0.2");
    }

    /**
     * The playthrough of an event's payload as the API path records it: {@link PlaythroughEvent#of}
     * its response, written by the app's mapper, as the outbox stores it and consumers read it.
     */
    static String asTheApiShowsIt(JsonNode payload) {
        UUID id = UUID.fromString(payload.get("playthrough_id").asText());
        PlaythroughEvent event = jdbi.withHandle(h -> PlaythroughEvent.of(playthroughs.responses(h,
                List.of(h.attach(PlaythroughDao.class).find(id).orElseThrow())).getFirst()));
        try {
            return asStored(APP_JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** {@link RecordingEventLog#asStored} on this test's database. */
    static String asStored(Object json) {
        return RecordingEventLog.asStored(jdbi, json);
    }

    @Test
    void platformsAreImportedAndExportedAsTheirKey() throws IOException {
        String doc = """
                [{'id': '00000000-0000-0000-0000-000000000031', 'edition': 'okami', 'platform': 'PlayStation 2'},
                 {'id': '00000000-0000-0000-0000-000000000032', 'edition': 'okami', 'platform': 'ps2'},
                 {'id': '00000000-0000-0000-0000-000000000033', 'edition': 'okami', 'platform': ' Atari   Lynx '},
                 {'id': '00000000-0000-0000-0000-000000000034', 'edition': 'okami', 'platform': 'atari-lynx'}]""";
        SectionHarness imported = document();
        SectionHarness.load(jdbi, read(doc, imported));
        assertThat(imported.problems().isEmpty()).isTrue();
        List<String> keys = jdbi.withHandle(h -> h.createQuery("""
                        SELECT platform FROM playthrough WHERE id BETWEEN '00000000-0000-0000-0000-000000000031'
                                                                  AND '00000000-0000-0000-0000-000000000034' ORDER BY id""")
                .mapTo(String.class).list());
        assertThat(keys).containsExactly("ps2", "ps2", "atari-lynx", "atari-lynx");
        List<String> exported = new java.util.ArrayList<>();
        SectionHarness.export(jdbi, JSON, dataset, DatasetFormat.BENCH, 10).forEach(p -> {
            if (p.get("id").asText().startsWith("00000000-0000-0000-0000-00000000003")) {
                exported.add(p.get("platform").asText());
            }
        });
        // the format's platform is a slug: the key
        assertThat(exported).containsExactly("ps2", "ps2", "atari-lynx", "atari-lynx");
    }

    @Test
    void brokenReferencesAreProblemsAndNothingIsWritten() throws IOException {
        SectionHarness doc = document();
        DatasetProblems problems = doc.problems();
        var section = read("""
                [{'id': '00000000-0000-0000-0000-000000000021', 'edition': 'no-such-edition'},
                 {'id': '00000000-0000-0000-0000-000000000022', 'edition': 'okami-hd', 'game': 'celeste'},
                 {'id': '00000000-0000-0000-0000-000000000023', 'game': 'no-such-game'},
                 {'id': '00000000-0000-0000-0000-000000000024', 'edition': 'celeste'},
                 {'id': '00000000-0000-0000-0000-000000000024', 'edition': 'celeste'}]""", doc);
        DatasetCounts counts = SectionHarness.load(jdbi, section);
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
        var exported = SectionHarness.export(jdbi, JSON, dataset, DatasetFormat.BENCH, 1);
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
