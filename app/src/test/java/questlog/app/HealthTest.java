package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @Test
    void livenessAnswersOkWithAndWithoutTrailingSlash() {
        for (String path : new String[] {"/health", "/health/"}) {
            var response = app.get(path);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void readinessChecksTheDatabaseAndTheJobRunner() {
        var response = app.get("/health/ready");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/checks/database").asText()).isEqualTo("ok");
        assertThat(response.json().at("/checks/jobs").asText()).isEqualTo("ok");
    }
}
