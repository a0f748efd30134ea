package questlog.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Plugins' read views, served from the stored data (never by calling upstream): per profile under
 * {@code /api/profiles/{plugin}/{id}/{view}}, and at a view's legacy path for the plugin's first
 * profile (with nothing stored yet, the view answers its defaults). A view with a {@code maxAge}
 * queues a sync while it is being read and the data is older than that, so a polled view stays
 * about that fresh without any request waiting on upstream.
 */
final class ViewController {
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final ProfileService service;

    ViewController(Jdbi jdbi, ObjectMapper json, Clock clock, ProfileService service) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.service = service;
    }

    <S> Handler ofProfile(ProfilePlugin<S> plugin, ProfileView<S> view) {
        return ctx -> {
            Profile profile = ProfileController.id(ctx).flatMap(id -> service.find(plugin.key(), id))
                    .orElseThrow(ProfileController::notFound);
            answer(ctx, plugin, view, Optional.of(profile));
        };
    }

    <S> Handler legacy(ProfilePlugin<S> plugin, ProfileView<S> view) {
        return ctx -> answer(ctx, plugin, view,
                jdbi.withHandle(h -> h.attach(ProfileDao.class).firstOfPlugin(plugin.key())));
    }

    private <S> void answer(Context ctx, ProfilePlugin<S> plugin, ProfileView<S> view, Optional<Profile> profile) {
        if (plugin.canSync()) {
            profile.ifPresent(p -> refreshIfStale(view, p));
        }
        Optional<S> latest = profile.map(Profile::data).flatMap(data -> read(plugin, data));
        ctx.json(view.read(latest, name -> Optional.ofNullable(ctx.queryParam(name))));
    }

    private void refreshIfStale(ProfileView<?> view, Profile p) {
        if (view.maxAge() == null) {
            return;
        }
        // The last attempt, successful or not: a failing upstream is not asked again on every read.
        Instant last = p.syncedAt() == null || p.updatedAt().isAfter(p.syncedAt()) ? p.updatedAt() : p.syncedAt();
        if (last.plus(view.maxAge()).isBefore(clock.instant())) {
            service.queueSync(p.id());
        }
    }

    private <S> Optional<S> read(ProfilePlugin<S> plugin, JsonNode data) {
        if (data == null || data.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(data, plugin.snapshotType()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // stored by an older version of the plugin: nothing it can read
            return Optional.empty();
        }
    }
}
