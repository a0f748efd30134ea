package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static questlog.app.EditionsRoutesTest.COMPAT_EDITION_FIELDS;
import static questlog.app.GamesRoutesTest.JSON;
import static questlog.app.GamesRoutesTest.PROBLEM;
import static questlog.app.GamesRoutesTest.assertProblem;
import static questlog.app.GamesRoutesTest.created;
import static questlog.app.GamesRoutesTest.fields;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The original Questlog's read API ({@code /api/works}, {@code /api/editions/by-twitch}) as its
 * static sites read it: exact shapes, bare arrays, big uncapped pages, its 404 bodies.
 */
class CompatRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final List<String> WORK_FIELDS = List.of("id", "name", "slug", "franchise", "original_release_year");
    static final int BULK = 2100;

    static JsonNode drakengard;

    @BeforeAll
    static void library() {
        created(app.post("/api/franchises", Map.of("name", "Drakengard", "slug", "drakengard")));
        drakengard = created(app.post("/api/games", Map.of("name", "Drakengard", "franchise", "drakengard",
                "original_release_year", 2003, "igdb_id", 1850,
                "editions", List.of(
                        Map.of("name", "Drakengard (JP)", "slug", "drag-on-dragoon", "release_date", "2003-09-11",
                                "twitch_category_id", "dod1"),
                        Map.of("name", "Drakengard (PS Store)", "edition_type", "port"),
                        Map.of("name", "Drakengard (NA)", "release_date", "2004-03-02", "igdb_id", 99001,
                                "cover_url", "https://img.example/dg.jpg", "summary", "Caim's war.")))));
        created(app.post("/api/games", Map.of("name", "Nier", "franchise", "drakengard", "original_release_year", 2010)));
        created(app.post("/api/games", Map.of("name", "NieR:Automata", "franchise", "drakengard")));
        created(app.post("/api/games", Map.of("name", "nier", "slug", "nier-lowercase")));
        // Many more works, written straight to the table, to show big pages are not capped.
        app.deps().jdbi().useHandle(h -> h.execute("""
                INSERT INTO game (name, slug)
                SELECT 'Bulk ' || lpad(i::text, 4, '0'), 'bulk-' || i FROM generate_series(1, ?) AS i""",
                BULK));
    }

    @Test
    void worksAreABareArrayOfTheOriginalShapeByNameThenSlug() {
        var response = app.get("/api/works?franchise=drakengard");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        JsonNode works = response.json();
        assertThat(works.isArray()).isTrue();
        // code points: "NieR:Automata" < "Nier" ('R' < 'r')
        assertThat(slugs(works)).containsExactly("drakengard", "nier-automata", "nier");
        JsonNode first = works.get(0);
        assertThat(fields(first)).containsExactlyElementsOf(WORK_FIELDS);
        assertThat(first.get("id").asText()).isEqualTo(drakengard.get("id").asText());
        assertThat(first.get("name").asText()).isEqualTo("Drakengard");
        assertThat(first.get("original_release_year").asInt()).isEqualTo(2003);
        assertThat(fields(first.get("franchise"))).containsExactly("id", "name", "slug");
        assertThat(first.at("/franchise/slug").asText()).isEqualTo("drakengard");
        assertThat(first.at("/franchise/name").asText()).isEqualTo("Drakengard");
        assertThat(works.get(1).get("original_release_year").isNull()).isTrue();
        assertThat(works.get(2).get("original_release_year").asInt()).isEqualTo(2010);

        List<String> all = slugs(app.get("/api/works?limit=5000").json());
        assertThat(all).containsSubsequence("bulk-1", "drakengard", "nier-automata", "nier", "nier-lowercase");
        assertThat(app.get("/api/works?limit=5000").json().get(all.indexOf("nier-lowercase")).get("franchise").isNull())
                .isTrue();
        assertThat(app.get("/api/works?franchise=no-such-franchise").json()).isEmpty();
    }

    @Test
    void pagesAreUncappedWithADefaultOfAHundred() {
        int total = BULK + 4;
        assertThat(app.get("/api/works").json()).hasSize(100);
        assertThat(app.get("/api/works?limit=2000&offset=0").json()).hasSize(2000);
        assertThat(app.get("/api/works?limit=2000&offset=2000").json()).hasSize(total - 2000);
        assertThat(app.get("/api/works?limit=3000").json()).hasSize(total);
        JsonNode window = app.get("/api/works?limit=2&offset=1").json();
        assertThat(slugs(window)).containsExactly("bulk-2", "bulk-3");
        assertThat(app.get("/api/works?limit=0").json()).isEmpty();
        assertProblem(app.get("/api/works?limit=-5"), 400, "limit");
        assertProblem(app.get("/api/works?limit=lots&offset=-1"), 400, "offset");
        assertProblem(app.get("/api/works?franchise=%00"), 400, "franchise");
    }

    @Test
    void aWorkHasItsEditionsByReleaseDateUndatedLast() {
        var response = app.get("/api/works/drakengard/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        JsonNode work = response.json();
        List<String> expected = new ArrayList<>(WORK_FIELDS);
        expected.add("editions");
        assertThat(fields(work)).containsExactlyElementsOf(expected);
        assertThat(work.get("franchise").get("slug").asText()).isEqualTo("drakengard");
        JsonNode editions = work.get("editions");
        assertThat(slugs(editions)).containsExactly("drag-on-dragoon", "drakengard-na", "drakengard-ps-store");
        JsonNode na = editions.get(1);
        assertThat(fields(na)).containsExactlyElementsOf(COMPAT_EDITION_FIELDS);
        assertThat(na.get("work_id").asText()).isEqualTo(work.get("id").asText());
        assertThat(na.get("name").asText()).isEqualTo("Drakengard (NA)");
        assertThat(na.get("edition_type").asText()).isEqualTo("original");
        assertThat(na.get("igdb_id").asLong()).isEqualTo(99001);
        assertThat(na.get("twitch_category_id").isNull()).isTrue();
        assertThat(na.get("cover_url").asText()).isEqualTo("https://img.example/dg.jpg");
        assertThat(na.get("release_date").asText()).isEqualTo("2004-03-02");
        assertThat(na.get("summary").asText()).isEqualTo("Caim's war.");
        assertThat(editions.get(2).get("edition_type").asText()).isEqualTo("port");
        assertThat(editions.get(2).get("release_date").isNull()).isTrue();
    }

    @Test
    void aTwitchCategoryAnswersTheOwningWork() {
        var response = app.get("/api/editions/by-twitch/dod1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        assertThat(response.json()).isEqualTo(app.get("/api/works/drakengard").json());
    }

    @Test
    void unknownWorksAre404WithTheOriginalErrorBody() {
        var response = app.get("/api/works/no-such-work");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(PROBLEM);
        JsonNode body = response.json();
        assertThat(body.get("error").asText()).isEqualTo("Work not found");
        assertThat(body.get("detail").asText()).isEqualTo("Work not found");
        assertThat(body.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void readsAreCachedWithEtagsUntilAWrite() {
        var first = app.get("/api/works?franchise=drakengard");
        String etag = first.header("ETag");
        assertThat(app.get("/api/works?franchise=drakengard", "If-None-Match", etag).status()).isEqualTo(304);
        created(app.post("/api/games", Map.of("name", "Drakengard 3", "franchise", "drakengard")));
        var changed = app.get("/api/works?franchise=drakengard", "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(slugs(changed.json())).contains("drakengard-3");
        assertThat(app.delete("/api/games/drakengard-3").status()).isEqualTo(204);
    }

    static List<String> slugs(JsonNode array) {
        List<String> slugs = new ArrayList<>();
        array.forEach(item -> slugs.add(item.get("slug").asText()));
        return slugs;
    }
}
