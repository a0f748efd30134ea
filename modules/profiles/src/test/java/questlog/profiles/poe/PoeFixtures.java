package questlog.profiles.poe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import questlog.common.SecretBox;
import questlog.profiles.ReplayingUpstream;
import questlog.profiles.ReplayingUpstream.Answer;

/** Recorded-shape Path of Exile answers: the token endpoint, the profile and the character list. */
final class PoeFixtures {
    static final String ACCOUNT = "Exile#1234";
    static final String OWNER_REFRESH = "17abaa74e599192f7650a4b89b6e9dfef2ff68cd";
    static final String ACCESS = "486132c3f0c4a9d8b3b1c9f7e2a4d6b8a0c2e4f6";
    static final String REFRESHED = "9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c";
    static final Instant NOW = Instant.parse("2026-12-06T18:30:00Z");
    static final SecretBox BOX = new SecretBox(SecretBox.Key.parse(SecretBox.newKey()), List.of());

    static final String TOKEN = """
            {"access_token": "%s", "expires_in": 2419200, "token_type": "bearer",
             "scope": "account:profile account:characters", "username": "Exile#1234",
             "sub": "c5b9c286-8d05-47af-be41-67ab10a8c53e", "refresh_token": "%s"}""";
    static final String PROFILE = """
            {"uuid": "c5b9c286-8d05-47af-be41-67ab10a8c53e", "name": "Exile#1234", "locale": "en_US",
             "twitch": {"name": "exile_streams"}}""";
    static final String CHARACTERS = """
            {"characters": [
              {"id": "4ad7a5b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8", "name": "BoneSpeaker",
               "realm": "pc", "class": "Necromancer", "league": "Settlers", "level": 91, "experience": 1934000000,
               "current": true},
              {"id": "5be8b6c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f809", "name": "LeagueStartMarauder",
               "realm": "pc", "class": "Marauder", "league": "Settlers", "level": 12, "experience": 52000},
              {"id": "6cf9c7d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a", "name": "OldDeadeye",
               "realm": "pc", "class": "Deadeye", "level": 94, "experience": 2500000000, "expired": true}]}""";
    static final String CHARACTERS_LATER = """
            {"characters": [
              {"id": "4ad7a5b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8", "name": "BoneSpeaker",
               "realm": "pc", "class": "Necromancer", "league": "Settlers", "level": 92, "experience": 2000000000,
               "current": true},
              {"id": "5be8b6c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f809", "name": "LeagueStartMarauder",
               "realm": "pc", "class": "Juggernaut", "league": "Standard", "level": 40, "experience": 9000000},
              {"id": "6cf9c7d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a", "name": "OldDeadeye",
               "realm": "pc", "class": "Deadeye", "level": 94, "experience": 2500000000, "expired": true},
              {"id": "7d0ad8e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b", "name": "FreshWitch",
               "realm": "pc", "class": "Witch", "league": "Settlers", "level": 2, "experience": 525}]}""";
    static final String RATE_HEADERS_POLICY = "character-list-request-limit";

    private PoeFixtures() {}

    static PoeSettings settings(String baseUrl) {
        return new PoeSettings(Optional.of("questlog-test"), Optional.of("client-secret-0123456789"), Optional.of(BOX),
                baseUrl, baseUrl, "https://journal.example.org/oauth/poe", "ops@example.org", Duration.ofMillis(1), 2,
                Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofDays(1), Optional.of(OWNER_REFRESH));
    }

    static PoePlugin plugin(String baseUrl) {
        return new PoePlugin(settings(baseUrl), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Answer limited(Answer answer) {
        return answer.withHeader("X-Rate-Limit-Policy", RATE_HEADERS_POLICY)
                .withHeader("X-Rate-Limit-Rules", "Account,Ip")
                .withHeader("X-Rate-Limit-Account", "45:60:60,240:240:900")
                .withHeader("X-Rate-Limit-Account-State", "1:60:0,1:240:0")
                .withHeader("X-Rate-Limit-Ip", "45:60:120")
                .withHeader("X-Rate-Limit-Ip-State", "1:60:0");
    }

    static void account(ReplayingUpstream upstream) {
        upstream.always("/oauth/token", Answer.json(TOKEN.formatted(ACCESS, REFRESHED)));
        upstream.always("/profile", limited(Answer.json(PROFILE)));
        upstream.always("/character", limited(Answer.json(CHARACTERS)));
    }
}
