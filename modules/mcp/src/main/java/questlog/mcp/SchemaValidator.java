package questlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The MCP SDK's JSON Schema check on the networknt validator the project already uses (1.5,
 * draft 2020-12). The SDK's own adapter is written for networknt 2.x, whose API differs, and one
 * classpath holds one version; this keeps the app's OpenAPI checks and the SDK on the same one.
 * Give it to every server and client builder ({@code jsonSchemaValidator(...)}).
 */
public final class SchemaValidator implements JsonSchemaValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        try {
            JsonNode value = content instanceof String text ? json.readTree(text) : json.valueToTree(content);
            Set<ValidationMessage> problems = FACTORY.getSchema(json.valueToTree(schema)).validate(value);
            if (problems.isEmpty()) {
                return ValidationResponse.asValid(json.writeValueAsString(value));
            }
            return ValidationResponse.asInvalid("Validation failed: " + problems.stream().map(ValidationMessage::getMessage)
                    .sorted().collect(Collectors.joining("; ")));
        } catch (Exception e) {
            return ValidationResponse.asInvalid("Validation failed: " + e.getMessage());
        }
    }
}
