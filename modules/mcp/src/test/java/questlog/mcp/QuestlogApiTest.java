package questlog.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** URLs are built from segments, each encoded on its own: no value can leave its segment. */
class QuestlogApiTest {
    final QuestlogApi api = new QuestlogApi("http://127.0.0.1:7176/base", null, new ObjectMapper());

    @Test
    void eachSegmentStaysOneSegment() {
        assertThat(api.url(List.of("api", "games", "okami")).build().encodedPath()).isEqualTo("/base/api/games/okami");
        assertThat(api.url(List.of("api", "games", "a/b", "playthroughs")).build().encodedPath())
                .isEqualTo("/base/api/games/a%2Fb/playthroughs");
        assertThat(api.url(List.of("api", "games", "%2e%2e")).build().encodedPath()).isEqualTo("/base/api/games/%252e%252e");
    }

    @Test
    void dotSegmentsAndEmptyOnesAreRefused() {
        for (String bad : new String[] {"..", ".", ""}) {
            assertThatThrownBy(() -> api.url(List.of("api", "games", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
