package questlog.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
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
import questlog.common.DatasetProblem;
import questlog.common.DatasetProblems;
import questlog.testsupport.TestDatabase;

/** The lists module's {@code lists} and {@code list_entries} sections: checks, whole-list replacement, history. */
class ListsDatasetTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static Jdbi jdbi;
    static final ListsDataset dataset = new ListsDataset(new TableCatalog(), JSON);

    @BeforeAll
    static void games() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        jdbi.useHandle(h -> h.execute("INSERT INTO game (slug, name) SELECT 'g' || i, 'Game ' || i FROM generate_series(1, 6) i"));
    }

    static ListsDataset.Sections read(String lists, String entries, DatasetProblems problems) throws IOException {
        ListsDataset.Sections sections = dataset.sections();
        try (JsonParser p = JSON.createParser(lists.replace('\'', '"'))) {
            p.nextToken();
            dataset.readLists(p, sections, problems);
        }
        try (JsonParser p = JSON.createParser(entries.replace('\'', '"'))) {
            p.nextToken();
            dataset.readEntries(p, sections, problems);
        }
        return sections;
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
        DatasetProblems problems = new DatasetProblems();
        var sections = read(LISTS, "[" + String.join(",", List.of(
                entry(1, "top", "g1", 1), entry(2, "top", "g2", 3), entry(3, "later", "g3", 2), entry(4, "elsewhere", "g4", null),
                entry(5, "later", "g9", null), entry(6, "later", "g1", null), entry(7, "later", "g1", null))) + "]", problems);
        var counts = jdbi.inTransaction(h -> dataset.load(h, sections, NOW, problems));
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
        DatasetProblems problems = new DatasetProblems();
        var first = jdbi.inTransaction(h -> dataset.load(h, read(LISTS, entries, problems), NOW, problems));
        assertThat(problems.isEmpty()).isTrue();
        assertThat(first.lists().created()).isEqualTo(2);
        assertThat(first.entries().created()).isEqualTo(3);

        String reordered = "[" + String.join(",", List.of(entry(12, "top", "g2", 1), entry(14, "top", "g4", 2),
                entry(13, "later", "g3", null))) + "]";
        DatasetProblems again = new DatasetProblems();
        var second = jdbi.inTransaction(h -> dataset.load(h, read(LISTS, reordered, again), NOW, again));
        assertThat(again.isEmpty()).isTrue();
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
