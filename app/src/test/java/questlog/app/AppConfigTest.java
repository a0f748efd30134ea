package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import questlog.common.SecretBox;

class AppConfigTest {

    @Test
    void defaultsNeedNothing() {
        AppConfig config = AppConfig.fromEnv(Map.of("HOME", "/home/ann"));
        assertThat(config.http().port()).isEqualTo(7176);
        assertThat(config.http().corsOrigins()).containsExactly("*");
        assertThat(config.http().maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(config.database().url()).isEmpty();
        assertThat(config.database().dataDir()).isEqualTo(Path.of("/home/ann/.local/share/questlog"));
        assertThat(config.security().privateReads()).isFalse();
        assertThat(config.cache().enabled()).isTrue();
        assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.TEXT);
        assertThat(config.jobs()).isEqualTo(questlog.jobs.JobsConfig.defaults());
    }

    @Test
    void steamIsConfiguredByItsKeyWithItsBaseUrlAndWaits() {
        assertThat(AppConfig.fromEnv(Map.of()).steam()).isEmpty();
        AppConfig config = AppConfig.fromEnv(Map.of("STEAM_API_KEY", "0123456789ABCDEF0123456789ABCDEF",
                "STEAM_API_BASE_URL", "http://127.0.0.1:9999", "STEAM_MAX_ATTEMPTS", "2",
                "STEAM_REQUEST_INTERVAL_MS", "1000"));
        var steam = config.steam().orElseThrow();
        assertThat(steam.apiKey()).isEqualTo("0123456789ABCDEF0123456789ABCDEF");
        assertThat(steam.baseUrl()).isEqualTo("http://127.0.0.1:9999/");
        assertThat(steam.maxAttempts()).isEqualTo(2);
        assertThat(steam.requestInterval()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(config.steam().toString()).doesNotContain("0123456789ABCDEF");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("STEAM_API_KEY", "k", "STEAM_API_BASE_URL", "ftp://x")))
                .hasMessageContaining("STEAM_API_BASE_URL");
    }

    @Test
    void dataDirFollowsXdgThenExplicitSetting() {
        assertThat(AppConfig.fromEnv(Map.of("XDG_DATA_HOME", "/xdg")).database().dataDir()).isEqualTo(Path.of("/xdg/questlog"));
        assertThat(AppConfig.fromEnv(Map.of("XDG_DATA_HOME", "/xdg", "QUESTLOG_DATA_DIR", "/srv/ql")).database().dataDir())
                .isEqualTo(Path.of("/srv/ql"));
    }

    @Test
    void readsEverySetting() {
        AppConfig config = AppConfig.fromEnv(Map.of(
                "PORT", "8080",
                "DATABASE_URL", "postgres://ql:pw@db:5432/questlog",
                "QUESTLOG_API_KEY", "0123456789abcdef0123",
                "QUESTLOG_PRIVATE", "true",
                "CORS_ORIGINS", "https://a.example, https://b.example",
                "LOG_FORMAT", "json",
                "QUESTLOG_RESPONSE_CACHE", "off",
                "JOB_THREADS", "4",
                "JOB_POLL_INTERVAL_MS", "500",
                "JOB_HEARTBEAT_MS", "1500"));
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.database().url().orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/questlog");
        assertThat(config.security().apiKey()).contains("0123456789abcdef0123");
        assertThat(config.security().privateReads()).isTrue();
        assertThat(config.http().corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.JSON);
        assertThat(config.cache().enabled()).isFalse();
        assertThat(config.jobs().threads()).isEqualTo(4);
        assertThat(config.jobs().pollInterval()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(config.jobs().heartbeatInterval()).isEqualTo(java.time.Duration.ofMillis(1500));
    }

    @Test
    void secretKeysAndWebhookTargetsAreRead() {
        String current = SecretBox.newKey();
        String old = SecretBox.newKey();
        AppConfig config = AppConfig.fromEnv(Map.of("QUESTLOG_SECRET_KEY", current,
                "QUESTLOG_SECRET_KEY_PREVIOUS", old + ", " + SecretBox.newKey(),
                "QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));

        var box = config.security().secretBox().orElseThrow();
        assertThat(box.currentKeyId()).isEqualTo(SecretBox.Key.parse(current).id());
        assertThat(box.keyIds()).hasSize(3).contains(SecretBox.Key.parse(old).id());
        assertThat(config.realtime().webhookAllowPrivate()).isTrue();

        AppConfig defaults = AppConfig.fromEnv(Map.of());
        assertThat(defaults.security().secretBox()).isEmpty();
        assertThat(defaults.realtime().webhookAllowPrivate()).isFalse();
    }

    @Test
    void badSecretKeysAreReportedWithoutShowingThem() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("QUESTLOG_SECRET_KEY", "c2hvcnQta2V5")))
                .hasMessageContaining("QUESTLOG_SECRET_KEY must be 32 bytes")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining("c2hvcnQta2V5");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("QUESTLOG_SECRET_KEY_PREVIOUS", SecretBox.newKey())))
                .hasMessageContaining("QUESTLOG_SECRET_KEY_PREVIOUS is set without QUESTLOG_SECRET_KEY");
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(
                "PORT", "seventy",
                "DATABASE_URL", "mysql://x:secretpw@h/db",
                "QUESTLOG_PRIVATE", "maybe",
                "QUESTLOG_API_KEY", "short",
                "LOG_FORMAT", "xml",
                "JOB_THREADS", "0",
                "JOB_HEARTBEAT_MS", "often")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageContaining("PORT must be a whole number (got 'seventy')")
                .hasMessageContaining("DATABASE_URL must start with postgres://")
                .hasMessageContaining("QUESTLOG_PRIVATE must be true or false")
                .hasMessageContaining("QUESTLOG_API_KEY is too short")
                .hasMessageContaining("LOG_FORMAT must be one of [text, json]")
                .hasMessageContaining("JOB_THREADS must be between 1 and 64 (got 0)")
                .hasMessageContaining("JOB_HEARTBEAT_MS must be a whole number (got 'often')")
                .hasMessageNotContaining("secretpw");
    }

    @Test
    void rejectsOutOfRangePorts() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PORT", "70000")))
                .hasMessageContaining("PORT must be between 0 and 65535");
    }
}
