package questlog.library.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.InvalidInputException;
import questlog.common.dataset.DatasetImporter;
import questlog.library.LibraryModule;
import questlog.library.LibraryTestSupport;
import questlog.testsupport.RecordingEventLog.Recorded;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TestDatabase;

/** The library's writes record their game events, committed with the write or not at all. */
class LibraryEventsTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = LibraryTestSupport.json();
    static Jdbi jdbi;
    static ObjectNode fixture;
    RecordingEventLog events;
    LibraryTestSupport.TestClock clock;
    GameService games;
    DatasetImporter importer;

    @BeforeAll
    static void setUp() throws Exception {
        jdbi = LibraryTestSupport.jdbi(db);
        try (InputStream in = LibraryEventsTest.class.getResourceAsStream("/fixtures/dataset-small.json")) {
            fixture = (ObjectNode) JSON.readTree(in);
        }
        fixture.remove(java.util.List.of("playthroughs", "lists", "list_entries", "meta"));
    }

    @BeforeEach
    void emptyLibrary() {
        LibraryTestSupport.emptyCatalog(jdbi);
        events = new RecordingEventLog();
        clock = new LibraryTestSupport.TestClock();
        games = new GameService(jdbi, clock, events);
        importer = new DatasetImporter(jdbi, JSON, clock, new LibraryModule(jdbi, JSON, clock, events).datasetSections());
        new CatalogService(jdbi, clock).createFranchise(new CreateFranchiseRequest("Mana", "mana"));
    }

    static CreateGameRequest game(String name) {
        return new CreateGameRequest(name, null, null, "mana", List.of(), null, 1995, null, "https://img/x.jpg",
                List.of("snes"), null, null, null, List.of(), null);
    }

    /** The payload as the record: the API path's own, or read back from an import's (built in the database). */
    static GameEvent payload(Recorded event) {
        if (event.payload() instanceof JsonNode built) {
            try {
                return JSON.treeToValue(built, GameEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return (GameEvent) event.payload();
    }

    /** {@link RecordingEventLog#asStored} on this test's database. */
    static String asStored(Object json) {
        return RecordingEventLog.asStored(jdbi, json);
    }

    @Test
    void creatingAGameRecordsGameAddedWithItsPublicFields() {
        games.create(game("Secret of Mana"));
        assertThat(events.events()).extracting(Recorded::type).containsExactly(EventTypes.GAME_ADDED);
        GameEvent added = payload(events.events().getFirst());
        assertThat(added).isEqualTo(new GameEvent("secret-of-mana", "Secret of Mana", "mana", 1995, List.of("snes"),
                "https://img/x.jpg", null, null));
        assertThat(JSON.valueToTree(added).fieldNames()).toIterable().containsExactly("game", "work", "franchise",
                "original_release_year", "platforms", "cover_url", "changed", "previous_game");
    }

    @Test
    void patchingRecordsWhatChangedAndTheOldSlug() throws Exception {
        games.create(game("Seiken Densetsu 2"));
        events.clear();
        games.update("seiken-densetsu-2", LibraryTestSupport.patch("""
                {"name": "Secret of Mana", "slug": "secret-of-mana", "original_release_year": 1993}"""));
        assertThat(events.events()).extracting(Recorded::type).containsExactly(EventTypes.GAME_UPDATED);
        GameEvent updated = payload(events.events().getFirst());
        assertThat(updated.game()).isEqualTo("secret-of-mana");
        assertThat(updated.work()).isEqualTo("Secret of Mana");
        assertThat(updated.originalReleaseYear()).isEqualTo(1993);
        assertThat(updated.changed()).containsExactly("name", "original_release_year", "slug");
        assertThat(updated.previousGame()).isEqualTo("seiken-densetsu-2");
    }

    @Test
    void addingAnEditionUpdatesTheGameAndRemovingItRecordsGameRemoved() {
        games.create(game("Legend of Mana"));
        events.clear();
        games.addEdition("legend-of-mana", new CreateEditionRequest("Remastered", null, "remaster", List.of("switch"),
                null, null, null, null, null));
        assertThat(events.events()).extracting(Recorded::type).containsExactly(EventTypes.GAME_UPDATED);
        assertThat(payload(events.events().getFirst()).changed()).containsExactly("editions");
        assertThat(payload(events.events().getFirst()).previousGame()).isNull();

        assertThat(games.delete("legend-of-mana")).isTrue();
        assertThat(events.events(EventTypes.GAME_REMOVED)).singleElement()
                .extracting(e -> payload(e).game()).isEqualTo("legend-of-mana");
        assertThat(games.delete("legend-of-mana")).isFalse();
        assertThat(events.events(EventTypes.GAME_REMOVED)).hasSize(1);
    }

    @Test
    void removingAParentRecordsGameUpdatedForEachChildThatLostItsLink() {
        games.create(game("Seiken Densetsu 3"));
        games.create(new CreateGameRequest("Trials of Mana Epilogue", null, null, "mana", List.of(), null, 1995, null,
                null, List.of(), null, "seiken-densetsu-3", "epilogue", List.of(), null));
        events.clear();
        assertThat(games.delete("seiken-densetsu-3")).isTrue();
        assertThat(events.events()).extracting(Recorded::type)
                .containsExactly(EventTypes.GAME_REMOVED, EventTypes.GAME_UPDATED);
        GameEvent child = payload(events.events().get(1));
        assertThat(child.game()).isEqualTo("trials-of-mana-epilogue");
        assertThat(child.changed()).containsExactly("parent_game", "relationship_type");
    }

    @Test
    void aWriteThatFailsRecordsNothing() {
        games.create(game("Sword of Mana"));
        events.clear();
        var taken = new CreateGameRequest("Sword of Mana", "sword-of-mana", null, null, List.of(), null, null, null,
                null, List.of(), null, null, null, List.of(), null);
        assertThatThrownBy(() -> games.create(taken)).isInstanceOf(ConflictException.class);
        var unknownFranchise = new CreateGameRequest("Dawn of Mana", null, null, "nope", List.of(), null, null, null,
                null, List.of(), null, null, null, List.of(), null);
        assertThatThrownBy(() -> games.create(unknownFranchise)).isInstanceOf(InvalidInputException.class);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void anImportRecordsEachGameItCreatesOrChangesAndNothingForADryRunOrARepeat() throws Exception {
        assertThat(importer.importStream(stream(fixture), true).ok()).isTrue();
        assertThat(events.events()).as("dry run").isEmpty();

        assertThat(importer.importStream(stream(fixture), false).ok()).isTrue();
        assertThat(events.events(EventTypes.GAME_ADDED)).hasSize(fixture.get("games").size());
        assertThat(events.events()).hasSize(fixture.get("games").size());
        JsonNode first = fixture.get("games").get(0);
        GameEvent added = events.events().stream().map(LibraryEventsTest::payload)
                .filter(e -> e.game().equals(first.get("slug").asText())).findFirst().orElseThrow();
        assertThat(added.work()).isEqualTo(first.get("name").asText());
        // Each as the API path writes a game's event (GameEvent.of the stored game), to the byte as stored.
        for (Recorded event : events.events()) {
            Game game = jdbi.withExtension(GameDao.class, dao -> dao.findBySlug(payload(event).game())).orElseThrow();
            assertThat(asStored(event.payload())).isEqualTo(asStored(JSON.writeValueAsString(GameEvent.of(game))));
        }

        events.clear();
        clock.advanceSeconds(60);
        assertThat(importer.importStream(stream(fixture), false).ok()).isTrue();
        assertThat(events.events()).as("the same document again changes nothing").isEmpty();

        ObjectNode changed = fixture.deepCopy();
        ((ObjectNode) changed.get("games").get(0)).put("name", "Renamed By The Import");
        clock.advanceSeconds(60);
        assertThat(importer.importStream(stream(changed), false).ok()).isTrue();
        assertThat(events.events()).extracting(Recorded::type).containsExactly(EventTypes.GAME_UPDATED);
        assertThat(payload(events.events().getFirst()).work()).isEqualTo("Renamed By The Import");
        assertThat(payload(events.events().getFirst()).game()).isEqualTo(first.get("slug").asText());
        Game renamed = jdbi.withExtension(GameDao.class, dao -> dao.findBySlug(first.get("slug").asText())).orElseThrow();
        assertThat(asStored(events.events().getFirst().payload())).isEqualTo(asStored(JSON.writeValueAsString(GameEvent.of(renamed))));
    }

    static InputStream stream(JsonNode doc) throws Exception {
        return new ByteArrayInputStream(JSON.writeValueAsBytes(doc));
    }
}
