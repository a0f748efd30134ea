package questlog.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** An API refusal in words, each thing said once. */
class ApiExceptionTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aFieldTheDetailAlreadyNamesIsNotRepeated() throws Exception {
        var one = ApiException.from(422, json.readTree("""
                {"detail": "completed_at: is required when the status is completed",
                 "errors": [{"field": "completed_at", "message": "is required when the status is completed"}]}"""));
        assertThat(one.getMessage()).isEqualTo("The server answered 422: completed_at: is required when the status is completed");
        var two = ApiException.from(422, json.readTree("""
                {"detail": "2 fields are invalid",
                 "errors": [{"field": "rating", "message": "must be from 1 to 10"},
                            {"field": "platform", "message": "is too long"}]}"""));
        assertThat(two.getMessage()).isEqualTo(
                "The server answered 422: 2 fields are invalid (rating: must be from 1 to 10; platform: is too long)");
    }
}
