package questlog.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.testsupport.TestDatabase;

/** GET /api/events: the log over HTTP, in pages that continue with since=. */
class EventsApiTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static RealtimeServer server;
    static List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new RealtimeServer(db, RealtimeServer.fast());
        for (int i = 0; i < 12; i++) {
            ids.add(server.append(i % 3 == 0 ? EventTypes.LIST_UPDATED : EventTypes.SYNC_PROGRESS,
                    Map.of("list", "backlog", "verb", "added", "entries", List.of("game-" + i))));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode get(String path) throws Exception {
        var response = server.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestJson.MAPPER.readTree(response.body());
    }

    @Test
    void pagesFollowNextUntilTheEnd() throws Exception {
        JsonNode first = get("/api/events?since=0&limit=5");
        assertThat(first.get("items")).hasSize(5);
        assertThat(first.get("total").asLong()).isEqualTo(12);
        assertThat(first.get("limit").asInt()).isEqualTo(5);
        assertThat(first.get("items").findValues("id").stream().map(JsonNode::asLong)).containsExactlyElementsOf(ids.subList(0, 5));
        assertThat(first.get("next").asText()).isEqualTo("/api/events?since=" + ids.get(4) + "&limit=5");

        JsonNode second = get(first.get("next").asText());
        assertThat(second.get("items").findValues("id").stream().map(JsonNode::asLong)).containsExactlyElementsOf(ids.subList(5, 10));
        JsonNode third = get(second.get("next").asText());
        assertThat(third.get("items")).hasSize(2);
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(third.get("items").get(0).get("payload").get("entries").get(0).asText()).isEqualTo("game-10");
    }

    @Test
    void typesFilterAndDefaultsApply() throws Exception {
        JsonNode lists = get("/api/events/?types=questlog:list_updated");
        assertThat(lists.get("total").asLong()).isEqualTo(4);
        assertThat(lists.get("limit").asInt()).isEqualTo(100);
        assertThat(lists.get("items").findValuesAsText("type")).containsOnly("questlog:list_updated");
        JsonNode after = get("/api/events?since=" + ids.get(10));
        assertThat(after.get("items").findValues("id").stream().map(JsonNode::asLong)).containsExactly(ids.get(11));
    }

    @Test
    void shortTypeNamesAreTheFullOnes() throws Exception {
        JsonNode lists = get("/api/events?types=list_updated");
        assertThat(lists.get("total").asLong()).isEqualTo(4);
        assertThat(lists.get("items").findValuesAsText("type")).containsOnly("questlog:list_updated");
        assertThat(get("/api/events?types=list_updated,questlog:sync_progress").get("total").asLong()).isEqualTo(12);
    }

    @Test
    void aSincePastTheEndOfTheLogAnswersAResetAndANextFromTheLatest() throws Exception {
        long latest = ids.getLast();
        JsonNode page = get("/api/events?since=" + (latest + 500) + "&limit=5");
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("total").asLong()).isZero();
        assertThat(page.get("reset").get("latest_id").asLong()).isEqualTo(latest);
        assertThat(page.get("reset").get("requested_since").asLong()).isEqualTo(latest + 500);
        assertThat(page.get("next").asText()).isEqualTo("/api/events?since=" + latest + "&limit=5");
        JsonNode following = get(page.get("next").asText());
        assertThat(following.get("items")).isEmpty();
        assertThat(following.get("reset").isNull()).isTrue();
        assertThat(following.get("next").isNull()).isTrue();

        JsonNode normal = get("/api/events?since=0&limit=1");
        assertThat(normal.has("reset")).isTrue();
        assertThat(normal.get("reset").isNull()).isTrue();
    }

    @Test
    void badParametersAre400() {
        assertThat(server.get("/api/events?since=-1").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/events?since=abc").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/events?limit=0").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/events?limit=5001").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/events?types=questlog:whatever").statusCode()).isEqualTo(400);
    }
}
