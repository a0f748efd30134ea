package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;

/**
 * The served document as client generators read it: the parser they use finds nothing wrong,
 * and request schemas say which fields are required and which values a field takes.
 */
class OpenApiClientsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static JsonNode document() {
        return app.get("/api/openapi.json").json();
    }

    @Test
    void theParserClientGeneratorsUseReadsTheDocumentWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(app.get("/api/openapi.json").body(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/games", "/api/games/{slug}", "/api/webhooks");
    }

    @Test
    void requestSchemasListRequiredFieldsAndAllowedValues() {
        JsonNode schemas = document().at("/components/schemas");
        assertThat(texts(schemas.at("/CreateEditionRequest/required"))).containsExactly("name");
        assertThat(texts(schemas.at("/CreateEditionRequest/properties/edition_type/enum")))
                .containsExactly("original", "port", "remaster", "enhanced", "remake", "definitive");
        assertThat(texts(schemas.at("/CreateGameRequest/properties/relationship_type/enum")))
                .containsExactly("sequel", "prequel", "spinoff", "epilogue", "expansion");
        assertThat(texts(schemas.at("/ExternalIdInput/required"))).containsExactly("source", "external_id");
        // A nullable enum: any of null or one of the values.
        assertThat(texts(schemas.at("/CreatePlaythroughRequest/properties/status/anyOf/1/enum")))
                .containsExactly("planned", "playing", "paused", "completed", "abandoned");
        assertThat(texts(schemas.at("/CreatePlaythroughRequest/properties/completion/anyOf/1/enum")))
                .containsExactly("story", "100%", "other");
        List<String> eventTypes = texts(schemas.at("/CreateWebhookRequest/properties/types/items/enum"));
        for (String type : EventTypes.ALL) {
            assertThat(eventTypes).contains(type, type.substring("questlog:".length()));
        }
        assertThat(texts(schemas.at("/CreateWebhookRequest/required"))).containsExactly("url");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
