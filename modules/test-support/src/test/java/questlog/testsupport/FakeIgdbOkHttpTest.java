package questlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The project's upstream clients use OkHttp: the fake must suit it as well as the JDK client. */
class FakeIgdbOkHttpTest {
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    @Test
    void anOkHttpClientMintsATokenAndQueries() throws IOException {
        OkHttpClient http = new OkHttpClient();
        try (FakeIgdb igdb = FakeIgdb.start(FakeIgdbCatalog.realistic())) {
            String token;
            try (Response response = http.newCall(new Request.Builder().url(igdb.tokenUrl())
                    .post(new FormBody.Builder()
                            .add("client_id", FakeIgdb.CLIENT_ID)
                            .add("client_secret", FakeIgdb.CLIENT_SECRET)
                            .add("grant_type", "client_credentials").build())
                    .build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                token = IgdbHttp.json(response.body().string()).get("access_token").asText();
            }

            try (Response response = http.newCall(new Request.Builder().url(igdb.igdbBaseUrl() + "games")
                    .header("Client-ID", FakeIgdb.CLIENT_ID)
                    .header("Authorization", "Bearer " + token)
                    .post(RequestBody.create("fields name, cover.image_id; where id = 1942;", TEXT))
                    .build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).startsWith("application/json");
                JsonNode games = IgdbHttp.json(response.body().string());
                assertThat(games.get(0).get("name").asText()).isEqualTo("The Witcher 3: Wild Hunt");
                assertThat(games.get(0).get("cover").get("image_id").asText()).isEqualTo("co1wyy");
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
