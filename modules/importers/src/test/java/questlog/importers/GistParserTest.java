package questlog.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import questlog.common.CatalogWrites.ExternalKey;

/** How one line and one heading of a gist are read, without a database. */
class GistParserTest {
    private final GistParser parser = new GistParser();

    @Test
    void theNameEndsAtTheFirstParenthesisOrSpacedDash() {
        assertThat(GistParser.nameOf("Final Fantasy IV (SNES, later the DS remake)")).isEqualTo("Final Fantasy IV");
        assertThat(GistParser.nameOf("Persona 4 Golden — Vita, NG+")).isEqualTo("Persona 4 Golden");
        assertThat(GistParser.nameOf("Final Fantasy X-2 - PS2")).isEqualTo("Final Fantasy X-2");
        assertThat(GistParser.nameOf("NieR:Automata")).isEqualTo("NieR:Automata");
        assertThat(GistParser.nameOf("Tales of Symphonia(GC)")).isEqualTo("Tales of Symphonia(GC)");
    }

    @Test
    void notesAreKeptAsWrittenAndTheirFirstPlatformIsThePlatform() {
        assertThat(GistParser.notesOf("Final Fantasy IV (SNES, later the DS remake)", "Final Fantasy IV"))
                .isEqualTo("SNES, later the DS remake");
        assertThat(GistParser.notesOf("Persona 4 Golden — Vita, NG+", "Persona 4 Golden")).isEqualTo("Vita, NG+");
        assertThat(GistParser.notesOf("Okami", "Okami")).isNull();
        assertThat(GistParser.platformOf("SNES, later the DS remake")).isEqualTo("SNES");
        assertThat(GistParser.platformOf("replayed on Switch")).isNull();
        assertThat(GistParser.platformOf("2018; on Switch")).isEqualTo("Switch");
        assertThat(GistParser.platformOf("2018")).isNull();
    }

    @Test
    void aHeadingSaysAStatusByItsFirstStatusWord() {
        assertThat(GistParser.statusOf("Abandoned or on hold")).isEqualTo("abandoned");
        assertThat(GistParser.statusOf("On hold (maybe abandoned)")).isEqualTo("paused");
        assertThat(GistParser.statusOf("Currently playing")).isEqualTo("playing");
        assertThat(GistParser.statusOf("Final Fantasy")).isNull();
        assertThat(GistParser.statusOf("Finished Dragon Quest games")).isEqualTo("completed");
    }

    @Test
    void onlySteamStoreLinksGiveAnId() {
        assertThat(GistParser.steamApp("https://store.steampowered.com/app/1091500/Cyberpunk_2077/"))
                .isEqualTo(new ExternalKey("steam", "1091500"));
        assertThat(GistParser.steamApp("https://www.igdb.com/games/okami")).isNull();
    }

    @Test
    void sectionsItemsAndSkippedLinesOfAGist() {
        GistParser.Gist gist = parser.parse("""
                # My games

                ## Final Fantasy

                - Final Fantasy XIV (PC)
                  - Endwalker

                ### Dropped

                - Final Fantasy XV

                ## Favourites

                1. Final Fantasy XIV
                2. Final Fantasy XV

                Some prose.
                """);
        List<GistItem> items = gist.items();
        assertThat(items).extracting(GistItem::name).containsExactly("Final Fantasy XIV", "Endwalker",
                "Final Fantasy XV", "Final Fantasy XIV", "Final Fantasy XV");
        assertThat(items.get(0).section().franchise()).isEqualTo("Final Fantasy");
        assertThat(items.get(0).platform()).isEqualTo("PC");
        assertThat(items.get(1).parent()).isZero();
        assertThat(items.get(2).section().status()).isEqualTo("abandoned");
        assertThat(items.get(2).section().franchise()).isEqualTo("Final Fantasy");
        assertThat(items.get(3).section().listName()).isEqualTo("Favourites");
        assertThat(items.get(3).section().ranked()).isTrue();
        assertThat(items.get(0).sourceRef()).isEqualTo("gist:my-games-final-fantasy:final-fantasy-xiv-pc");
        assertThat(gist.skipped()).extracting(SkippedLine::line, SkippedLine::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(17, "not a list item"));
    }

    @Test
    void aYearHeadingNamesNoSeriesAndAStruckNameIsSkipped() {
        GistParser.Gist gist = parser.parse("""
                # Games I have beaten

                ## 2023

                - Chrono Trigger (DS)
                - ~~Starfield~~ (PC)

                ## 2019 – 2020:

                ### Final Fantasy

                - Final Fantasy IX
                """);
        assertThat(gist.items()).extracting(GistItem::name).containsExactly("Chrono Trigger", "Final Fantasy IX");
        assertThat(gist.items().get(0).section().franchise()).isNull();
        assertThat(gist.items().get(0).section().status()).isEqualTo("completed");
        assertThat(gist.items().get(1).section().franchise()).isEqualTo("Final Fantasy");
        assertThat(gist.skipped()).extracting(SkippedLine::line, SkippedLine::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(6, "struck through (~~…~~): taken back, not read as played"));
    }

    @Test
    void theSameLineTwiceInASectionHasTwoIdentities() {
        GistParser.Gist gist = parser.parse("- Chrono Trigger (DS)\n- Chrono Trigger (DS)\n");
        assertThat(gist.items()).extracting(GistItem::sourceRef)
                .containsExactly("gist:top:chrono-trigger-ds", "gist:top:chrono-trigger-ds:2");
    }
}
