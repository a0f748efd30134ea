package questlog.lists;

import questlog.common.Bodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.InvalidInputException;
import questlog.testsupport.RecordingEventLog;
import questlog.testsupport.TableGameLookup;
import questlog.testsupport.TestDatabase;

/** Ranking through the service, checked against a model list after every operation. */
class ListServiceTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    static Jdbi jdbi;
    static ListService service;
    static final RecordingEventLog events = new RecordingEventLog();

    @BeforeAll
    static void games() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        jdbi.useHandle(h -> h.execute("INSERT INTO game (slug, name) SELECT 'g' || i, 'Game ' || i FROM generate_series(1, 12) i"));
        service = new ListService(jdbi, JSON, Clock.systemUTC(), new TableGameLookup(), events);
    }

    static List<String> shown(String slug) {
        var detail = service.detail(slug, true).orElseThrow();
        List<String> games = new ArrayList<>();
        for (int i = 0; i < detail.entries().size(); i++) {
            var e = detail.entries().get(i);
            games.add(e.workSlug());
            if (detail.isRanked()) {
                assertThat(e.position()).isEqualTo(i + 1);
            } else {
                assertThat(e.position()).isNull();
            }
        }
        return games;
    }

    static List<ListEvent> eventsOf(String slug) {
        return events.events(EventTypes.LIST_UPDATED).stream().map(e -> (ListEvent) e.payload())
                .filter(e -> e.list().equals(slug)).toList();
    }

    @Test
    void everyChangeOfAPublicListRecordsItsVerbAndPrivateListsRecordNothing() {
        service.create(new CreateListRequest("Evented", null, null, true, true));
        service.addEntry("evented", new AddEntryRequest("g1", null, null, null));
        service.addEntry("evented", new AddEntryRequest("g2", null, null, null));
        service.updateEntry("evented", "g2", new Bodies.Read<>(new UpdateEntryRequest(1, "first now"), Set.of("position", "notes")));
        assertThatThrownBy(() -> service.addEntry("evented", new AddEntryRequest("g3", null, 9, null)))
                .isInstanceOf(InvalidInputException.class);
        service.removeEntry("evented", "g1");
        service.delete("evented");
        assertThat(eventsOf("evented")).containsExactly(
                new ListEvent("evented", "created", List.of()),
                new ListEvent("evented", "added", List.of("g1")),
                new ListEvent("evented", "added", List.of("g2")),
                new ListEvent("evented", "reordered", List.of("g2")),
                new ListEvent("evented", "updated", List.of("g2")),
                new ListEvent("evented", "removed", List.of("g1")),
                new ListEvent("evented", "deleted", List.of()));

        service.create(new CreateListRequest("Hidden", null, null, false, false));
        service.addEntry("hidden", new AddEntryRequest("g1", null, null, null));
        assertThat(eventsOf("hidden")).isEmpty();
    }

    static Bodies.Read<UpdateEntryRequest> move(int position) {
        return new Bodies.Read<>(new UpdateEntryRequest(position, null), Set.of("position"));
    }

    @Test
    void randomInsertsMovesAndRemovesMatchAModelList() {
        service.create(new CreateListRequest("Model", null, null, true, true));
        List<String> model = new ArrayList<>();
        Random random = new Random(42);
        for (int step = 0; step < 300; step++) {
            String game = "g" + (1 + random.nextInt(12));
            int op = random.nextInt(3);
            if (op == 0 && !model.contains(game)) {
                int position = 1 + random.nextInt(model.size() + 1);
                service.addEntry("model", new AddEntryRequest(game, null, position, null));
                model.add(position - 1, game);
            } else if (op == 1 && model.contains(game)) {
                int to = 1 + random.nextInt(model.size());
                service.updateEntry("model", game, move(to));
                model.remove(game);
                model.add(to - 1, game);
            } else if (op == 2 && model.contains(game)) {
                service.removeEntry("model", game);
                model.remove(game);
            }
        }
        assertThat(shown("model")).isEqualTo(model);
    }

    @Test
    void positionsOutsideTheListAreRefusedWithoutChangingIt() {
        service.create(new CreateListRequest("Bounds", null, null, true, true));
        service.addEntry("bounds", new AddEntryRequest("g1", null, null, null));
        service.addEntry("bounds", new AddEntryRequest("g2", null, null, null));
        assertThatThrownBy(() -> service.addEntry("bounds", new AddEntryRequest("g3", null, 4, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("position");
        assertThatThrownBy(() -> service.updateEntry("bounds", "g1", move(3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("between 1 and 2");
        assertThatThrownBy(() -> service.addEntry("bounds", new AddEntryRequest("g1", null, 1, null)))
                .isInstanceOf(ListService.ConflictException.class);
        assertThatThrownBy(() -> service.removeEntry("bounds", "g9")).isInstanceOf(ListService.NotFoundException.class);
        assertThat(shown("bounds")).containsExactly("g1", "g2");
    }

    @Test
    void aGameDeletedFromTheLibraryLeavesNoGap() {
        jdbi.useHandle(h -> h.execute("INSERT INTO game (slug, name) VALUES ('doomed', 'Doomed')"));
        service.create(new CreateListRequest("Cascade", null, null, true, true));
        for (String game : List.of("g1", "doomed", "g2")) {
            service.addEntry("cascade", new AddEntryRequest(game, null, null, null));
        }
        jdbi.useHandle(h -> h.execute("DELETE FROM game WHERE slug = 'doomed'"));
        assertThat(shown("cascade")).containsExactly("g1", "g2");
        var last = service.activity("cascade", true, 1).orElseThrow().getFirst();
        assertThat(last.verb()).isEqualTo("removed");
        assertThat(last.entries()).isEmpty();
        assertThat(last.metadata()).containsEntry("position", 2).containsEntry("reason", "game_deleted");
    }

    @Test
    void theDetailShowsEachEntrysGameAsTheLibraryHasItNowAndHidesPrivateLists() {
        jdbi.useHandle(h -> h.execute("INSERT INTO game (slug, name) VALUES ('renamed', 'Old Name')"));
        service.create(new CreateListRequest("Names", null, null, true, false));
        service.create(new CreateListRequest("Nothing Yet", null, null, false, true));
        for (String game : List.of("g3", "renamed")) {
            service.addEntry("names", new AddEntryRequest(game, null, null, null));
        }
        jdbi.useHandle(h -> h.execute("UPDATE game SET name = 'New Name', slug = 'new-name' WHERE slug = 'renamed'"));

        var detail = service.detail("names", true).orElseThrow();
        var renamed = detail.entries().get(1);
        assertThat(renamed.workName()).isEqualTo("New Name");
        assertThat(renamed.workSlug()).isEqualTo("new-name");
        assertThat(renamed.game().slug()).isEqualTo("new-name");
        assertThat(renamed.game().id()).isEqualTo(renamed.workId()).isEqualTo(jdbi.withHandle(h ->
                h.createQuery("SELECT id FROM game WHERE slug = 'new-name'").mapTo(java.util.UUID.class).one()));
        assertThat(detail.entries().getFirst().workName()).isEqualTo("Game 3");
        assertThat(service.detail("names", false)).as("a private list, read without a token").isEmpty();
        assertThat(service.detail("nothing-yet", false).orElseThrow().entries()).isEmpty();
    }

    @Test
    void slugsAreMadeFromNamesAndSuffixedWhenTaken() {
        assertThat(service.create(new CreateListRequest("Ōkami & Friends", null, null, null, null)).slug()).isEqualTo("okami-friends");
        assertThat(service.create(new CreateListRequest("Okami friends", null, null, null, null)).slug()).isEqualTo("okami-friends-2");
        assertThat(service.create(new CreateListRequest("Okami: friends!", null, null, null, null)).slug()).isEqualTo("okami-friends-3");
    }
}
