package questlog.library.igdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Reading IGDB's game objects: what of them the catalog can keep. */
class IgdbGameTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFirstReleaseDateOutsideTheReleaseYearsIsLeftOutAndKeptInTheRawObject() {
        // The catalog's release years are 1940 to 2200: the year of such a date would fail the
        // game's write (original_release_year), and a date of the year 0 PostgreSQL itself.
        for (String date : new String[] {"0000-01-01", "1939-12-31", "2201-01-01"}) {
            IgdbGame game = IgdbGame.from(game(LocalDate.parse(date).atStartOfDay().toEpochSecond(ZoneOffset.UTC)));
            assertThat(game.firstReleaseDate()).as(date).isNull();
            assertThat(game.releaseYear()).as(date).isNull();
            assertThat(game.raw().get("first_release_date").asLong()).as(date)
                    .isEqualTo(LocalDate.parse(date).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
        }
        assertThat(IgdbGame.from(game(Long.MAX_VALUE)).firstReleaseDate()).isNull();
        assertThat(IgdbGame.from(game(Long.MIN_VALUE)).firstReleaseDate()).isNull();

        for (String date : new String[] {"1940-01-01", "2017-03-03", "2200-12-31"}) {
            IgdbGame game = IgdbGame.from(game(LocalDate.parse(date).atStartOfDay().toEpochSecond(ZoneOffset.UTC)));
            assertThat(game.firstReleaseDate()).hasToString(date);
            assertThat(game.releaseYear()).isEqualTo(LocalDate.parse(date).getYear());
        }
    }

    private static ObjectNode game(long firstReleaseDate) {
        return JSON.createObjectNode().put("id", 1942).put("name", "Some Game").put("first_release_date", firstReleaseDate);
    }
}
