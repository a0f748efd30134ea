package questlog.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one ObjectMapper writes the same text to bytes as to a String (an answer, an event, an export). */
class JsonTest {
    @Test
    void charactersBeyondTheBasicPlaneAreWrittenAsUtf8NotAsEscapedHalves() throws Exception {
        var mapper = Json.objectMapper();
        Map<String, String> value = Map.of("name", "Quest 🎮 Ōkami \u0001");
        byte[] bytes = mapper.writeValueAsBytes(value);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(mapper.writeValueAsString(value))
                .isEqualTo("{\"name\":\"Quest 🎮 Ōkami \\u0001\"}");
    }
}
