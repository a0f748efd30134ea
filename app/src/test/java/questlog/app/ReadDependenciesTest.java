package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which changes reach which cached answers (the change payloads are those of the triggers). */
class ReadDependenciesTest {
    final ReadDependencies deps = ReadDependencies.questlog();

    static ChangeFeed.Change change(String payload) {
        return ChangeFeed.Change.parse(payload);
    }

    static ReadDependencies.Answer detail(String slug) {
        return new ReadDependencies.Answer("/api/games/{slug}", Map.of("slug", slug), null, null);
    }

    static ReadDependencies.Answer page(String query, String... shows) {
        return new ReadDependencies.Answer("/api/games", Map.of(), query,
                Set.of(shows).stream().map(s -> "g:" + s).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aGamesDetailIsReachedOnlyThroughItsOwnGame() {
        assertThat(deps.affects(change("playthrough|g:hades"), detail("hades"))).isTrue();
        assertThat(deps.affects(change("playthrough|g:hades"), detail("okami"))).isFalse();
        assertThat(deps.affects(change("list_entry|g:okami,l:best"), detail("okami"))).isTrue();
        assertThat(deps.affects(change("event"), detail("okami"))).isFalse();
        assertThat(deps.affects(change("playthrough"), detail("okami"))).as("a whole-table change").isTrue();
        assertThat(deps.affects(change("profile"), detail("okami"))).as("a table without keys").isTrue();
    }

    @Test
    void aListingPageIsReachedByTheGamesItShowsOrByAChangeOfOrderOrMembership() {
        var p = page("limit=20&offset=40&genre=rpg", "hades", "okami");
        assertThat(deps.affects(change("game|g:celeste"), p)).isFalse();
        assertThat(deps.affects(change("game|g:hades"), p)).isTrue();
        assertThat(deps.affects(change("game|c:rows,g:celeste"), p)).as("a game added").isTrue();
        assertThat(deps.affects(change("game|c:name,g:celeste"), p)).as("a game renamed").isTrue();
        assertThat(deps.affects(change("game|c:year,g:celeste"), p)).as("a year the page does not look at").isFalse();
        assertThat(deps.affects(change("game|c:year,g:celeste"), page("year=1998", "hades"))).isTrue();
        assertThat(deps.affects(change("game|c:year,g:celeste"), page("sort=-year", "hades"))).isTrue();
        assertThat(deps.affects(change("game|c:platforms,g:celeste"), page("platform=pc", "hades"))).isTrue();
        assertThat(deps.affects(change("game|c:platforms,g:celeste"), p)).isFalse();
        assertThat(deps.affects(change("game|g:celeste"), page("sort=-updated", "hades"))).isTrue();
        assertThat(deps.affects(change("game|g:celeste"),
                new ReadDependencies.Answer("/api/games", Map.of(), "limit=5", null))).as("pages not known").isTrue();
        assertThat(deps.affects(change("playthrough|g:hades"), p)).isFalse();
        assertThat(deps.affects(change("playthrough|g:celeste"), page("status=completed", "hades"))).isTrue();
        assertThat(deps.affects(change("list_entry|g:hades,l:best"), p)).isFalse();
    }

    @Test
    void listsAndStatsAndEverythingElse() {
        var list = new ReadDependencies.Answer("/api/lists/{slug}", Map.of("slug", "best"), null, null);
        assertThat(deps.affects(change("list_entry|g:hades,l:best"), list)).isTrue();
        assertThat(deps.affects(change("list_entry|g:hades,l:worst"), list)).isFalse();
        assertThat(deps.affects(change("game|g:hades,l:best"), list)).isTrue();
        assertThat(deps.affects(change("playthrough|g:hades"), list)).isFalse();
        var stats = new ReadDependencies.Answer("/api/stats", Map.of(), null, null);
        assertThat(deps.affects(change("playthrough|g:hades"), stats)).isTrue();
        assertThat(deps.affects(change("list_entry|g:hades,l:best"), stats)).isFalse();
        assertThat(deps.affects(change("game|c:year,g:hades,l:best"), stats)).as("stats show no release year").isFalse();
        assertThat(deps.affects(change("game|g:hades"), stats)).isFalse();
        assertThat(deps.affects(change("game|c:franchise,g:hades"), stats)).isTrue();
        assertThat(deps.affects(change("game"), stats)).isTrue();
        assertThat(deps.mayLag("/api/stats")).isTrue();
        assertThat(deps.mayLag("/api/games")).isFalse();
        var other = new ReadDependencies.Answer("/api/lists", Map.of(), null, null);
        assertThat(deps.affects(change("list_activity|l:best"), other)).isTrue();
    }
}
