package questlog.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetProblem;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.SectionHarness;
import questlog.testsupport.TableGameLookup;
import questlog.testsupport.TestDatabase;

/** The lists module's {@code lists} and {@code list_entries} sections: checks, whole-list replacement, history. */
class ListsDatasetTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static Jdbi jdbi;
    static final RecordingEventLog events = new RecordingEventLog();
    static final ListsDataset dataset = new ListsDataset(new TableGameLookup(), JSON, events);

    @BeforeAll
    static void games() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        jdbi.useHandle(h -> h.execute("INSERT INTO game (slug, name) SELECT 'g' || i, 'Game ' || i FROM generate_series(1, 6) i"));
    }

    /** What a load did to each section. */
    record Loaded(DatasetCounts lists, DatasetCounts entries) {}

    /** Reads both sections (single quotes for double ones) into {@code doc} and loads them in one transaction. */
    static Loaded load(String lists, String entries, SectionHarness doc) throws IOException {
        List<DatasetSection> sections = dataset.sections();
        DatasetSection.SectionImport listImport = doc.read(sections.get(0), JSON.readTree(lists.replace('\'', '"')));
        DatasetSection.SectionImport entryImport = doc.read(sections.get(1), JSON.readTree(entries.replace('\'', '"')));
        return jdbi.inTransaction(h -> {
            Loaded loaded = new Loaded(listImport.load(h), entryImport.load(h));
            if (doc.problems().isEmpty()) {
                listImport.recordEvents(h);
                entryImport.recordEvents(h);
            }
            return loaded;
        });
    }

    static SectionHarness document() {
        return new SectionHarness(DatasetFormat.BENCH, NOW);
    }

    static String entry(int n, String list, String game, Integer position) {
        return "{'id': '00000000-0000-0000-0000-0000000001%02d', 'list': '%s', 'game': '%s', 'position': %s, 'notes': '', 'added_at': '2024-01-%02dT10:00:00Z'}"
                .formatted(n, list, game, position == null ? "null" : position.toString(), n);
    }

    static final String LISTS = """
            [{'id': '00000000-0000-0000-0000-000000000001', 'slug': 'top', 'name': 'Top', 'description': '', 'is_ranked': true},
             {'id': '00000000-0000-0000-0000-000000000002', 'slug': 'later', 'name': 'Later', 'description': 'Soon', 'is_ranked': false}]""";

    @Test
    void rankedPositionsMustBeDenseAndEntriesComeWithTheirList() throws IOException {
        SectionHarness doc = document();
        DatasetProblems problems = doc.problems();
        var counts = load(LISTS, "[" + String.join(",", List.of(
                entry(1, "top", "g1", 1), entry(2, "top", "g2", 3), entry(3, "later", "g3", 2), entry(4, "elsewhere", "g4", null),
                entry(5, "later", "g9", null), entry(6, "later", "g1", null), entry(7, "later", "g1", null))) + "]", doc);
        assertThat(problems.kept().stream().map(DatasetProblem::field).toList()).containsExactly(
                "list_entries[2].position", "list_entries[3].list", "list_entries[4].game", "list_entries[6].game",
                "list_entries[1].position");
        assertThat(counts.lists().created()).isZero();
        int written = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM list_entry WHERE CAST(id AS text) LIKE '00000000-0000-0000-0000-00000000010%'")
                .mapTo(Integer.class).one());
        assertThat(written).isZero();
    }

    @Test
    void aListIsReplacedWholeAndItsHistoryTellsTheNewOrder() throws IOException {
        String entries = "[" + String.join(",", List.of(entry(11, "top", "g1", 1), entry(12, "top", "g2", 2),
                entry(13, "later", "g3", null))) + "]";
        SectionHarness firstDoc = document();
        events.clear();
        var first = load(LISTS, entries, firstDoc);
        assertThat(events.events()).extracting(RecordingEventLog.Recorded::payload).containsExactly(
                new ListEvent("top", "created", List.of()), new ListEvent("top", "added", List.of("g1", "g2")),
                new ListEvent("later", "created", List.of()), new ListEvent("later", "added", List.of("g3")));
        assertThat(firstDoc.problems().isEmpty()).isTrue();
        assertThat(first.lists().created()).isEqualTo(2);
        assertThat(first.entries().created()).isEqualTo(3);

        String reordered = "[" + String.join(",", List.of(entry(12, "top", "g2", 1), entry(14, "top", "g4", 2),
                entry(13, "later", "g3", null))) + "]";
        SectionHarness again = document();
        events.clear();
        var second = load(LISTS, reordered, again);
        assertThat(events.events()).as("only the list that changed").extracting(RecordingEventLog.Recorded::payload)
                .containsExactly(new ListEvent("top", "updated", List.of()));
        events.clear();
        load(LISTS, reordered, document());
        assertThat(events.events()).as("the same document again").isEmpty();
        assertThat(again.problems().isEmpty()).isTrue();
        assertThat(second.lists().unchanged()).isEqualTo(2);
        assertThat(second.entries().created()).isEqualTo(1);
        assertThat(second.entries().updated()).isEqualTo(1);
        assertThat(second.entries().unchanged()).isEqualTo(1);
        List<String> top = jdbi.withHandle(h -> h.createQuery("""
                        SELECT g.slug FROM list_entry e JOIN game g ON g.id = e.game_id JOIN list l ON l.id = e.list_id
                        WHERE l.slug = 'top' ORDER BY e.position""").mapTo(String.class).list());
        assertThat(top).containsExactly("g2", "g4");
        List<String> verbs = jdbi.withHandle(h -> h.createQuery("""
                        SELECT concat(a.verb, ' ', COALESCE(CAST(a.metadata -> 'order' AS text), 'null')) FROM list_activity a JOIN list l ON l.id = a.list_id
                        WHERE l.slug = 'top' ORDER BY a.seq""").mapTo(String.class).list());
        assertThat(verbs).containsExactly("created null", "added null", "updated [\"g2\", \"g4\"]");
    }
}
