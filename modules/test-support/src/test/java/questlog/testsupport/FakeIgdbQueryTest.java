package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FakeIgdbQueryTest {
    private static FakeIgdb igdb;
    private static IgdbHttp client;

    @BeforeAll
    static void start() {
        igdb = FakeIgdb.start(FakeIgdbCatalog.realistic());
        igdb.enforceRateLimit(false);
        client = new IgdbHttp(igdb);
    }

    @AfterAll
    static void stop() {
        igdb.close();
    }

    @Test
    void gameWithExpansionsHasIgdbShape() {
        JsonNode games = client.query("games", """
                fields name, slug, first_release_date, cover.image_id, cover.url, genres.name, platforms,
                       game_type.type, total_rating;
                where id = 72;""");

        assertThat(games).isEqualTo(IgdbHttp.json("""
                [{"id": 72, "name": "Portal 2", "slug": "portal-2", "first_release_date": 1303171200,
                  "cover": {"id": 82660, "image_id": "co1rs4",
                            "url": "//images.igdb.com/igdb/image/upload/t_thumb/co1rs4.jpg"},
                  "genres": [{"id": 9, "name": "Puzzle"}, {"id": 5, "name": "Shooter"}],
                  "platforms": [6, 9, 12, 14, 3],
                  "game_type": {"id": 0, "type": "main_game"},
                  "total_rating": 93.7}]"""));
    }

    @Test
    void onlyRequestedFieldsAndIdAppear() {
        assertThat(fieldNames(client.query("games", "fields name; where id = 72;").get(0)))
                .containsExactly("id", "name");
        assertThat(fieldNames(client.query("games", "where id = 72;").get(0))).containsExactly("id");
    }

    @Test
    void starGivesOwnFieldsWithReferencesAsIds() {
        JsonNode portal2 = client.query("games", "fields *; where id = 72;").get(0);

        assertThat(portal2.get("cover").isNumber()).isTrue();
        assertThat(portal2.get("genres")).isEqualTo(IgdbHttp.json("[9, 5]"));
        assertThat(portal2.get("external_games")).isEqualTo(IgdbHttp.json("[189310]"));
        assertThat(portal2.get("url").asText()).isEqualTo("https://www.igdb.com/games/portal-2");
        assertThat(fieldNames(portal2)).doesNotContain("category", "status", "collection", "follows");
    }

    @Test
    void expandsTwoLevelsDeepAndMixesStarWithExpansions() {
        JsonNode row = client.query("external_games",
                "fields uid, game.name, game.cover.image_id; where uid = \"620\";").get(0);
        assertThat(row).isEqualTo(IgdbHttp.json("""
                {"id": 189310, "uid": "620",
                 "game": {"id": 72, "name": "Portal 2", "cover": {"id": 82660, "image_id": "co1rs4"}}}"""));

        JsonNode game = client.query("games", "fields *, genres.*; where id = 72;").get(0);
        assertThat(game.get("genres").get(0)).isEqualTo(IgdbHttp.json("""
                {"id": 9, "name": "Puzzle", "slug": "puzzle", "url": "https://www.igdb.com/genres/puzzle"}"""));
        assertThat(game.get("platforms").get(0).isNumber()).isTrue();
    }

    @Test
    void findsExternalGamesByQuotedUids() {
        JsonNode rows = client.query("external_games",
                "fields game, uid; where external_game_source = 1 & uid = (\"620\",\"570\",\"1145360\"); limit 500;");

        assertThat(rows).isEqualTo(IgdbHttp.json("""
                [{"id": 15244, "game": 2963, "uid": "570"},
                 {"id": 189310, "game": 72, "uid": "620"},
                 {"id": 1847360, "game": 113112, "uid": "1145360"}]"""));
    }

    @Test
    void anUnquotedUidIsASyntaxError() {
        for (String[] query : List.of(
                new String[] {"external_games", "fields game; where uid = 620;"},
                new String[] {"external_games", "fields game; where uid = (620, 570);"},
                new String[] {"games", "fields name; where external_games.uid = 620;"})) {
            HttpResponse<String> response = client.post(query[0], query[1]);

            assertThat(response.statusCode()).as(query[1]).isEqualTo(400);
            JsonNode error = IgdbHttp.json(response).get(0);
            assertThat(error.get("title").asText()).isEqualTo("Syntax Error");
            assertThat(error.get("status").asInt()).isEqualTo(400);
            assertThat(error.get("cause").asText()).startsWith("Expecting a STRING as input");
        }
    }

    @Test
    void anAppIdCanMatchAGameAndItsEdition() {
        String byAppId = "fields name, version_parent; where external_games.external_game_source = 1"
                + " & external_games.uid = \"292030\"";

        assertThat(ids(client.query("games", byAppId + ";"))).containsExactly(1942L, 22439L);
        assertThat(ids(client.query("games", byAppId + " & version_parent = null & game_type.type = \"main_game\";")))
                .containsExactly(1942L);
    }

    @Test
    void deprecatedFieldsAreAbsentAndFilterNothing() {
        JsonNode portal2 = client.query("games", "fields name, category, status, collection, follows; where id = 72;");
        assertThat(fieldNames(portal2.get(0))).containsExactly("id", "name");

        assertThat(client.query("games", "fields name; where category = 0;")).isEmpty();
        assertThat(client.query("games", "fields name; where id = 72 & category != 5;")).isEmpty();
        assertThat(client.query("games", "fields name; where id = 72 & status = null;")).isEmpty();
        assertThat(client.query("external_games", "fields uid, category, media; where category = 1;")).isEmpty();
        JsonNode row = client.query("external_games", "fields uid, category, media; where uid = \"620\";").get(0);
        assertThat(fieldNames(row)).containsExactly("id", "uid");
        // the replacements work
        assertThat(client.query("games", "fields name; where id = 72 & game_type = 0;")).hasSize(1);
        assertThat(client.query("external_games", "fields uid; where external_game_source = 1 & uid = \"620\";"))
                .hasSize(1);
    }

    @Test
    void anUnknownFieldIsAnInvalidFieldError() {
        HttpResponse<String> response = client.post("games", "fields nope; where id = 72;");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IgdbHttp.json(response)).isEqualTo(IgdbHttp.json("""
                [{"title": "Invalid Field", "status": 400, "cause": "Invalid field name: 'nope'"}]"""));
        assertThat(client.post("games", "fields cover.nope;").statusCode()).isEqualTo(400);
        // a real field the catalog has no data for is simply absent
        assertThat(fieldNames(client.query("games", "fields storyline, themes; where id = 72;").get(0)))
                .containsExactly("id");
    }

    @Test
    void limitDefaultsTo10AndStopsAt500() {
        assertThat(client.query("games", "fields name;")).hasSize(10);
        assertThat(client.query("games", "fields name; limit 500;")).hasSize(FakeIgdbCatalog.realistic().games().size());

        HttpResponse<String> tooMany = client.post("games", "fields name; limit 501;");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        JsonNode errors = IgdbHttp.json(tooMany);
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).get("status").asInt()).isEqualTo(400);
        assertThat(errors.get(0).get("cause").asText()).contains("501").contains("500");
    }

    @Test
    void offsetPagesThroughASortedResult() {
        List<Long> all = ids(client.query("games", "fields id; sort id asc; limit 500;"));
        List<Long> paged = new ArrayList<>();
        paged.addAll(ids(client.query("games", "fields id; sort id asc; limit 5; offset 0;")));
        paged.addAll(ids(client.query("games", "fields id; sort id asc; limit 5; offset 5;")));
        paged.addAll(ids(client.query("games", "fields id; sort id asc; limit 500; offset 10;")));

        assertThat(all).isSorted();
        assertThat(paged).isEqualTo(all);
        assertThat(client.query("games", "fields id; offset 1000;")).isEmpty();
    }

    @Test
    void sortDescendingPutsUnknownValuesLast() {
        List<Long> ids = ids(client.query("games", "fields first_release_date; sort first_release_date desc; limit 500;"));

        assertThat(ids.get(0)).isEqualTo(144151L); // FF VII Remake: Episode INTERmission, 2021
        assertThat(ids.get(ids.size() - 1)).isEqualTo(112874L); // The Elder Scrolls VI, no date
    }

    @Test
    void unknownValuesAreAbsent() {
        JsonNode tes6 = client.query("games", "fields name, first_release_date, cover.image_id; where id = 112874;");

        assertThat(fieldNames(tes6.get(0))).containsExactly("id", "name");
    }

    @Test
    void countIsAnObject() {
        long onSwitch = FakeIgdbCatalog.realistic().games().stream().filter(g -> g.platforms().contains(130L)).count();

        JsonNode count = client.query("games/count", "where platforms = (130);");

        assertThat(count).isEqualTo(IgdbHttp.json("{\"count\": " + onSwitch + "}"));
    }

    @Test
    void multiqueryAnswersEachNamedQuery() {
        JsonNode results = client.query("multiquery", """
                query games "byId" { fields name, slug, first_release_date, cover.image_id; where id = (1942, 72); };
                query games/count "total" { where platforms = (6) & game_type = 0; };
                """);

        long mainOnPc = FakeIgdbCatalog.realistic().games().stream()
                .filter(g -> g.platforms().contains(6L) && g.gameType() == 0).count();
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("name").asText()).isEqualTo("byId");
        assertThat(ids(results.get(0).get("result"))).containsExactly(72L, 1942L);
        assertThat(results.get(0).get("result").get(1).get("cover"))
                .isEqualTo(IgdbHttp.json("{\"id\": 89386, \"image_id\": \"co1wyy\"}"));
        assertThat(results.get(1)).isEqualTo(IgdbHttp.json("{\"name\": \"total\", \"count\": " + mainOnPc + "}"));
    }

    @Test
    void multiqueryTakesAtMostTenQueries() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            body.append("query games \"q").append(i).append("\" { fields name; where id = 72; };\n");
        }

        HttpResponse<String> response = client.post("multiquery", body.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IgdbHttp.json(response).get(0).get("title").asText()).isEqualTo("Syntax Error");
    }

    @Test
    void searchPutsTheExactNameFirst() {
        assertThat(names(client.query("games", "search \"portal\"; fields name;")))
                .containsExactly("Portal", "Portal 2");
        assertThat(names(client.query("games", "search \"WITCHER 3\"; fields name;"))).containsExactly(
                "The Witcher 3: Wild Hunt",
                "The Witcher 3: Wild Hunt - Hearts of Stone",
                "The Witcher 3: Wild Hunt - Game of the Year Edition");
        // two games share the name: a name match alone cannot tell them apart
        JsonNode residentEvil = client.query("games", "search \"Resident Evil\"; fields name, first_release_date;");
        assertThat(names(residentEvil)).containsExactly("Resident Evil", "Resident Evil");
        assertThat(ids(residentEvil)).containsExactlyInAnyOrder(974L, 1131L);
        assertThat(client.query("games", "search \"zzqxwv nonexistent 99871\"; fields name;")).isEmpty();
    }

    @Test
    void searchCombinesWithWhere() {
        JsonNode remake = client.query("games", "search \"resident evil\"; fields name; where game_type.type = \"remake\";");

        assertThat(ids(remake)).containsExactly(1131L);
    }

    @Test
    void stringOperatorsFollowApicalypse() {
        assertThat(ids(client.query("games", "fields name; where name ~ *\"witcher\"*;")))
                .containsExactly(1942L, 12503L, 22439L);
        assertThat(ids(client.query("games", "fields name; where name ~ \"portal\";"))).containsExactly(71L);
        assertThat(client.query("games", "fields name; where name = \"portal\";")).isEmpty();
        assertThat(ids(client.query("games", "fields name; where name = \"Portal\"*;"))).containsExactly(71L, 72L);
        assertThat(ids(client.query("games", "fields name; where name ~ \"the witcher*\";")))
                .containsExactly(1942L, 12503L, 22439L);
    }

    @Test
    void whereCombinesComparisonsListsAndNull() {
        assertThat(ids(client.query("games",
                "fields name; where (genres = (9) | genres = (36)) & first_release_date >= 1300000000;")))
                .containsExactly(72L, 2963L);
        assertThat(ids(client.query("games", "fields name; where platforms = [6, 130] & genres != (12);")))
                .containsExactly(14593L);
        assertThat(ids(client.query("games", "fields name; where first_release_date = null;")))
                .containsExactly(112874L);
        assertThat(ids(client.query("games", "fields name; where parent_game != null; sort id asc;")))
                .containsExactly(12503L, 144151L);
        assertThat(ids(client.query("games", "fields name; where platforms = {130, 41};"))).containsExactly(7346L);
        assertThat(ids(client.query("games", "fields name; where genres.name = \"MOBA\";"))).containsExactly(2963L);
    }

    @Test
    void dlcsPointAtTheirBaseGame() {
        JsonNode dlc = client.query("games",
                "fields name, parent_game.name, game_type.type; where game_type.type = \"dlc_addon\";");

        assertThat(dlc).isEqualTo(IgdbHttp.json("""
                [{"id": 144151, "name": "Final Fantasy VII Remake: Episode INTERmission",
                  "game_type": {"id": 1, "type": "dlc_addon"},
                  "parent_game": {"id": 11169, "name": "Final Fantasy VII Remake"}}]"""));
        assertThat(client.query("games", "fields dlcs; where id = 11169;").get(0).get("dlcs"))
                .isEqualTo(IgdbHttp.json("[144151]"));
    }

    @Test
    void excludeDropsFields() {
        JsonNode game = client.query("games", "fields name, summary, cover.image_id, cover.url; exclude summary, cover.url;"
                + " where id = 72;").get(0);

        assertThat(fieldNames(game)).containsExactly("id", "name", "cover");
        assertThat(fieldNames(game.get("cover"))).containsExactly("id", "image_id");
    }

    @Test
    void otherEndpointsServeTheCatalog() {
        assertThat(client.query("platforms", "fields name, slug, abbreviation; where id = (6, 48, 167, 130, 49);"))
                .isEqualTo(IgdbHttp.json("""
                        [{"id": 6, "name": "PC (Microsoft Windows)", "abbreviation": "PC", "slug": "win"},
                         {"id": 48, "name": "PlayStation 4", "abbreviation": "PS4", "slug": "ps4--1"},
                         {"id": 49, "name": "Xbox One", "abbreviation": "XONE", "slug": "xboxone"},
                         {"id": 130, "name": "Nintendo Switch", "abbreviation": "Switch", "slug": "switch"},
                         {"id": 167, "name": "PlayStation 5", "abbreviation": "PS5", "slug": "ps5"}]"""));
        assertThat(names(client.query("genres", "fields name; where id = (9, 5, 12, 31);")))
                .containsExactly("Shooter", "Puzzle", "Role-playing (RPG)", "Adventure");
        assertThat(client.query("covers", "fields game, image_id, url; where id = 89386;")).isEqualTo(IgdbHttp.json("""
                [{"id": 89386, "game": 1942, "image_id": "co1wyy",
                  "url": "//images.igdb.com/igdb/image/upload/t_thumb/co1wyy.jpg"}]"""));
        assertThat(client.query("game_types", "fields type; where id = 1;"))
                .isEqualTo(IgdbHttp.json("[{\"id\": 1, \"type\": \"dlc_addon\"}]"));
        assertThat(ids(client.query("franchises", "fields name, games; where name = \"Portal\";"))).containsExactly(1013L);
        assertThat(client.query("franchises", "fields games; where id = 1013;").get(0).get("games"))
                .isEqualTo(IgdbHttp.json("[71, 72]"));
    }

    @Test
    void syntaxErrorsAre400Arrays() {
        for (String body : List.of("fields name", "fields name; where id = ;", "fields name; where name = zelda;",
                "fields name; where name = \"open;", "fields name; sort name sideways;", "fieldz name;")) {
            HttpResponse<String> response = client.post("games", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(IgdbHttp.json(response).get(0).get("title").asText()).as(body).isEqualTo("Syntax Error");
        }
    }

    @Test
    void noMatchIsAnEmptyArray() {
        HttpResponse<String> response = client.post("games", "fields name; where id = 999999999;");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void onlyPostToKnownEndpointsIsRouted() {
        HttpResponse<String> get = IgdbHttp.send(client.request("games", "").GET().build());
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).isEqualTo("Endpoint GET /games not found");

        HttpResponse<String> unknown = client.post("gamez", "fields name;");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("Endpoint POST /gamez not found");

        HttpResponse<String> elsewhere = IgdbHttp.send(HttpRequest.newBuilder(
                URI.create(igdb.tokenUrl().replace("/oauth2/token", "/nothing"))).GET().build());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }

    static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("name").asText()).toList();
    }
}
