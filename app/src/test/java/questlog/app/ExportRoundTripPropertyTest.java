package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The export format's property: a generated library ({@link ExportDocumentGenerator}, seeded;
 * {@code -Dquestlog.exportSeed=N} tries another) that uses every field and every value of every
 * enumeration, imported into an empty database, exports to exactly the records it was made of;
 * that export imported into another empty database exports to the same bytes.
 */
class ExportRoundTripPropertyTest {
    @RegisterExtension
    static final TestApp first = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));
    @RegisterExtension
    static final TestApp second = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));

    static final long SEED = Long.getLong("questlog.exportSeed", 20261206L);
    static JsonNode generated;
    static byte[] exported;

    @BeforeAll
    static void importTheGeneratedLibrary() throws IOException {
        ObjectNode doc = new ExportDocumentGenerator(SEED).document(24);
        byte[] bytes = TestApp.JSON.writeValueAsBytes(doc);
        generated = TestApp.JSON.readTree(bytes);
        var response = first.post("/api/import", bytes);
        assertThat(response.status()).as("seed %d: %s", SEED, response.body()).isEqualTo(200);
        JsonNode report = response.json();
        sections(generated).forEach(section -> assertThat(report.at("/sections/" + section + "/created").asInt())
                .as("seed %d, %s", SEED, section).isEqualTo(generated.get(section).size()));
        exported = export(first);
    }

    static byte[] export(TestApp app) {
        var response = app.get("/api/export", "Authorization", "Bearer " + app.writeToken());
        assertThat(response.status()).isEqualTo(200);
        return response.bytes();
    }

    static List<String> sections(JsonNode doc) {
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(name -> {
            if (doc.get(name).isArray()) {
                names.add(name);
            }
        });
        return names;
    }

    @Test
    void theExportHoldsExactlyTheRecordsTheLibraryWasMadeOf() {
        JsonNode doc = ImportExportTest.json(exported);
        assertThat(doc.get("format").asText()).isEqualTo("questlog-export");
        assertThat(sections(doc)).containsExactlyInAnyOrderElementsOf(sections(generated));
        for (String section : sections(generated)) {
            assertSameRecords(doc, generated, section, SEED);
            // and every record lists its fields in the documented order, the same for every record
            List<String> order = fieldNames(doc.get(section).get(0));
            doc.get(section).forEach(record -> assertThat(fieldNames(record)).as(section).isEqualTo(order));
        }
    }

    @Test
    void exportImportExportGivesIdenticalBytes() {
        var imported = second.post("/api/import", exported);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        byte[] again = export(second);
        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(exported, StandardCharsets.UTF_8));
    }

    /** The same property for more seeds, each library imported into emptied databases. */
    @Test
    void theRoundTripHoldsForOtherSeeds() throws IOException {
        for (long seed = SEED + 1; seed <= SEED + 3; seed++) {
            emptyLibrary(first);
            emptyLibrary(second);
            byte[] doc = TestApp.JSON.writeValueAsBytes(new ExportDocumentGenerator(seed).document(16 + (int) (seed % 8)));
            JsonNode expected = TestApp.JSON.readTree(doc);
            assertThat(first.post("/api/import", doc).status()).as("seed %d", seed).isEqualTo(200);
            byte[] once = export(first);
            JsonNode actual = ImportExportTest.json(once);
            for (String section : sections(expected)) {
                assertSameRecords(actual, expected, section, seed);
            }
            assertThat(second.post("/api/import", once).status()).as("seed %d", seed).isEqualTo(200);
            assertThat(new String(export(second), StandardCharsets.UTF_8)).as("seed %d", seed)
                    .isEqualTo(new String(once, StandardCharsets.UTF_8));
        }
        emptyLibrary(second);   // as the other tests expect it, whatever their order
    }

    /** The export's records of a section are the generated ones, by id (platforms by key). */
    static void assertSameRecords(JsonNode exported, JsonNode generated, String section, long seed) {
        assertThat(exported.at("/meta/counts/" + section).asInt()).as(section).isEqualTo(generated.get(section).size());
        assertThat(new TreeMap<>(ImportExportTest.byId(exported.get(section)))).as("seed %d, %s", seed, section)
                .isEqualTo(new TreeMap<>(ImportExportTest.byId(generated.get(section))));
    }

    static void emptyLibrary(TestApp app) {
        app.deps().jdbi().useHandle(h -> h.execute("""
                TRUNCATE genre, franchise, game, game_genre, edition, external_id, playthrough, play_session, list,
                         list_entry, list_activity, profile, profile_snapshot, webhook CASCADE;
                DELETE FROM platform WHERE NOT known"""));
    }

    @Test
    void theGeneratedLibraryUsesEveryFieldAndEveryValue() {
        for (String section : sections(generated)) {
            Set<String> withValue = new HashSet<>();
            generated.get(section).forEach(record -> record.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull() && !(f.getValue().isArray() && f.getValue().isEmpty())) {
                    withValue.add(f.getKey());
                }
            }));
            assertThat(withValue).as("fields of %s with a value somewhere", section)
                    .containsExactlyInAnyOrderElementsOf(fieldNames(generated.get(section).get(0)));
        }
        assertThat(values("playthroughs", "status")).containsAll(ExportDocumentGenerator.PLAYTHROUGH_STATUSES);
        assertThat(values("playthroughs", "completion")).containsAll(ExportDocumentGenerator.COMPLETIONS);
        assertThat(values("playthroughs", "source")).containsAll(ExportDocumentGenerator.SOURCES);
        assertThat(values("editions", "edition_type")).containsAll(ExportDocumentGenerator.EDITION_TYPES);
        assertThat(values("games", "relationship_type")).containsAll(ExportDocumentGenerator.RELATIONSHIPS);
        assertThat(values("external_ids", "source")).containsAll(ExportDocumentGenerator.EXTERNAL_SOURCES);
        assertThat(values("list_activity", "verb")).containsAll(ExportDocumentGenerator.VERBS);
        assertThat(values("webhooks", "status")).containsAll(ExportDocumentGenerator.WEBHOOK_STATUSES);
        assertThat(values("lists", "is_public")).containsExactlyInAnyOrder("true", "false");
        assertThat(values("lists", "is_ranked")).containsExactlyInAnyOrder("true", "false");
    }

    static Set<String> values(String section, String field) {
        Set<String> values = new HashSet<>();
        generated.get(section).forEach(r -> {
            if (!r.get(field).isNull()) {
                values.add(r.get(field).asText());
            }
        });
        return values;
    }

    static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
