package questlog.profiles.ffxiv;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import questlog.profiles.ProfileException;
import questlog.upstream.ResponseCheck;
import questlog.upstream.UpstreamClient;
import questlog.upstream.UpstreamException;
import questlog.upstream.UpstreamPolicy;
import questlog.upstream.UpstreamStats;

/**
 * The Lodestone's character pages and search, through the upstream HTTP layer: one request start
 * per {@link FfxivSettings#requestInterval()}, one page at a time, 429/5xx/timeouts retried with
 * backoff or after {@code Retry-After}. A maintenance page is not retried (maintenance lasts
 * hours) and becomes {@code UPSTREAM_DOWN}; an unknown id is the Lodestone's 404 page.
 */
final class LodestoneClient implements AutoCloseable {
    static final String NAME = "Lodestone";

    private final UpstreamClient lodestone;

    LodestoneClient(FfxivSettings settings) {
        this.lodestone = new UpstreamClient(policy(settings), LodestoneClient::check);
    }

    static UpstreamPolicy policy(FfxivSettings settings) {
        return UpstreamPolicy.of(NAME, settings.lodestoneBaseUrl())
                .withRequestInterval(settings.requestInterval())
                .withMaxInFlight(1)
                .withRetries(settings.maxAttempts(), settings.backoffMin(), settings.backoffMax())
                .withTimeouts(settings.callTimeout(), Duration.ofSeconds(10))
                .withHeader("Accept", "text/html")
                .withHeader("Accept-Language", "en-US,en;q=0.8");
    }

    /** A maintenance answer ends the call at once, whatever its status; the rest is standard. */
    private static void check(questlog.upstream.UpstreamResponse response, questlog.upstream.RateControl rate) {
        if (response.status() >= 500 && response.body().toLowerCase(Locale.ROOT).contains("maintenance")) {
            throw new UpstreamException.Unavailable(NAME, response.status(), false,
                    "The Lodestone is down for maintenance", null, response.retryAfter().orElse(null));
        }
        ResponseCheck.STANDARD.check(response, rate);
    }

    LodestonePages.Profile profile(String characterId) {
        return LodestonePages.profile(page("lodestone/character/" + characterId + "/", characterId), characterId);
    }

    List<LodestonePages.JobRow> classJobs(String characterId) {
        return LodestonePages.classJobs(page("lodestone/character/" + characterId + "/class_job/", characterId),
                characterId);
    }

    /** The first page of results for a name on one world. */
    List<LodestonePages.SearchEntry> search(String name, String world) {
        HttpUrl url = lodestone.url("lodestone/character/").newBuilder()
                .addQueryParameter("q", name)
                .addQueryParameter("worldname", world)
                .build();
        return LodestonePages.search(get(url, null));
    }

    UpstreamStats stats() {
        return lodestone.stats();
    }

    @Override
    public void close() {
        lodestone.close();
    }

    private String page(String path, String characterId) {
        return get(lodestone.url(path), characterId);
    }

    private String get(HttpUrl url, String characterId) {
        try {
            return lodestone.execute(lodestone.request(url).build()).body();
        } catch (UpstreamException.NotFound e) {
            throw new ProfileException(ProfileException.Reason.NOT_FOUND, characterId == null
                    ? "The Lodestone has no such page"
                    : "The Lodestone has no character " + characterId);
        } catch (UpstreamException.Unavailable e) {
            if (!e.retryable()) {
                throw LodestonePages.maintenance();
            }
            throw ProfileException.from(e);
        } catch (UpstreamException e) {
            throw ProfileException.from(e);
        }
    }
}
