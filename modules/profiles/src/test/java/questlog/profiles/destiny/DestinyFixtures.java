package questlog.profiles.destiny;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import questlog.profiles.ReplayingUpstream;
import questlog.profiles.ReplayingUpstream.Answer;

/** Recorded-shape Bungie.net answers for one Steam account with three characters, and where they are asked. */
final class DestinyFixtures {
    static final String KEY = "test-bungie-key-0123456789";
    static final String ACCOUNT = "3:4611686018467284386";
    static final String MEMBERSHIP = "4611686018467284386";
    static final String HUNTER = "2305843009299499863";
    static final String WARLOCK = "2305843009299499864";
    static final String TITAN = "2305843009299499865";
    static final Instant NOW = Instant.parse("2026-12-06T18:30:00Z");
    static final String PROFILE = "/Platform/Destiny2/3/Profile/" + MEMBERSHIP + "/";
    static final String STATS = "/Platform/Destiny2/3/Account/" + MEMBERSHIP + "/Stats/";
    static final String SEARCH = "/Platform/Destiny2/SearchDestinyPlayerByBungieName/-1/";

    private DestinyFixtures() {}

    static DestinySettings settings(String baseUrl) {
        return new DestinySettings(Optional.of(KEY), baseUrl + "Platform/", baseUrl + "stats/Platform/",
                Duration.ofMillis(1), 4, 2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5));
    }

    static DestinyPlugin plugin(String baseUrl) {
        return new DestinyPlugin(settings(baseUrl), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String activities(String characterId) {
        return "/Platform/Destiny2/3/Account/" + MEMBERSHIP + "/Character/" + characterId + "/Stats/Activities/";
    }

    static String pgcr(String instanceId) {
        return "/stats/Platform/Destiny2/Stats/PostGameCarnageReport/" + instanceId + "/";
    }

    static String definition(long hash) {
        return "/Platform/Destiny2/Manifest/DestinyActivityDefinition/" + hash + "/";
    }

    static String fixture(String name) {
        try (InputStream in = DestinyFixtures.class.getResourceAsStream("/destiny/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer json(String name) {
        return Answer.json(fixture(name));
    }

    /** The account as it is now: every answer a first sync asks for. */
    static void account(ReplayingUpstream upstream) {
        upstream.always(PROFILE, json("profile.json"));
        upstream.always(STATS, json("stats.json"));
        upstream.always(activities(HUNTER), json("activities-hunter.json"));
        upstream.always(activities(WARLOCK), json("activities-warlock.json"));
        upstream.always(activities(TITAN), json("activities-empty.json"));
        for (long hash : new long[] {1541433876L, 300092127L, 4179289725L, 1234567L, 2259621230L}) {
            upstream.always(definition(hash), json("definition-" + hash + ".json"));
        }
        for (String instance : new String[] {"15000000005", "15000000004", "15000000001", "14000000002",
                "15000000006"}) {
            upstream.always(pgcr(instance), json("pgcr-" + instance + ".json"));
        }
        upstream.always(SEARCH, json("search.json"));
    }

    /** After one more Salvation's Edge clear: light 2020 and 190 more minutes on the hunter. */
    static void later(ReplayingUpstream upstream) {
        upstream.always(PROFILE, json("profile-later.json"));
        upstream.always(activities(HUNTER), json("activities-hunter-later.json"));
    }
}
