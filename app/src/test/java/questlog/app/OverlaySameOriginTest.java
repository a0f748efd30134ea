package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The overlay page is served by the server itself, so its socket comes from the server's own
 * origin: that upgrade is accepted even when CORS_ORIGINS lists only other sites, while another
 * origin (another port of the same host, too) is still refused.
 */
class OverlaySameOriginTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("CORS_ORIGINS", "https://site.example"));

    @Test
    void theServersOwnPagesMayOpenTheSocketOthersNot() throws Exception {
        assertThat(app.get("/overlay/").status()).isEqualTo(200);
        assertThat(CorsTest.upgrade(app, app.baseUrl()).statusLine()).contains(" 101 ");
        assertThat(CorsTest.upgrade(app, "http://127.0.0.1:1").statusLine()).contains(" 403 ");
        assertThat(CorsTest.upgrade(app, "https://site.example").statusLine()).contains(" 101 ");
    }

    @Test
    void theOverlayServesItsThreeFilesAndNothingElse() {
        var page = app.get("/overlay");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/overlay/overlay.js", "/overlay/overlay.css");
        assertThat(app.get("/overlay/overlay.js").contentType()).startsWith("text/javascript");
        assertThat(app.get("/overlay/overlay.css").body()).contains("background: transparent");
        assertThat(app.get("/overlay/OverlayModule.class").status()).isEqualTo(404);
        assertThat(app.get("/overlay/..%2F..%2Fpom.xml").status()).isEqualTo(404);
    }
}
