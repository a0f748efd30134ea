package questlog.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import questlog.common.Json;

/**
 * The contract every profile plugin passes. A plugin's test extends this class, builds the plugin
 * with its real client pointed at a {@link ReplayingUpstream}, and prepares that upstream for
 * each scenario with answers in the shapes the real service gives (including its errors):
 * <pre>{@code
 * class SteamPluginTest extends ProfilePluginContract<SteamSnapshot> {
 *     protected ProfilePlugin<SteamSnapshot> plugin(String baseUrl) { ... }
 *     protected String prepareAccount(ReplayingUpstream upstream) { ...; return "76561197960287930"; }
 *     ...
 * }
 * }</pre>
 * What it holds a plugin to: a slug key; handles accepted and rejected (rejected ones without an
 * upstream call); snapshots that round-trip through the shared JSON mapper; no changes between a
 * snapshot and itself, and some after the account changed; each upstream failure mapped to its
 * reason; cancellation honoured; views that answer with and without a snapshot.
 */
public abstract class ProfilePluginContract<S> {
    protected final ObjectMapper json = Json.objectMapper();
    protected ReplayingUpstream upstream;
    protected ProfilePlugin<S> plugin;

    /** The plugin under test, its client's base URL set to {@code baseUrl} and its retries short. */
    protected abstract ProfilePlugin<S> plugin(String baseUrl);

    /** Handles the plugin accepts once {@link #prepareResolvable} answered for them. */
    protected abstract List<String> acceptedHandles();

    /** Prepares the upstream so that every one of {@link #acceptedHandles()} resolves. */
    protected abstract void prepareResolvable(ReplayingUpstream upstream);

    /** Handles that cannot be one (wrong form): refused without calling upstream. */
    protected abstract List<String> rejectedHandles();

    /** Prepares a public account with a realistic state; returns its account id. */
    protected abstract String prepareAccount(ReplayingUpstream upstream);

    /** After {@link #prepareAccount}, changes the answers as the account would change by playing. */
    protected abstract void prepareLaterState(ReplayingUpstream upstream);

    /** Prepares the service's answer for an unknown player; returns the id to fetch. */
    protected abstract String prepareUnknownPlayer(ReplayingUpstream upstream);

    /** Prepares the service's answer for a private profile; returns the id to fetch. */
    protected abstract String preparePrivateProfile(ReplayingUpstream upstream);

    /** Prepares throttling answers (429s) that outlast the client's retries; returns the id to fetch. */
    protected abstract String prepareThrottled(ReplayingUpstream upstream);

    /** Prepares a service that is down or in maintenance (5xx beyond the retries); returns the id to fetch. */
    protected abstract String prepareDown(ReplayingUpstream upstream);

    /** Prepares an HTML page where JSON was expected (or the service's equivalent garbage); returns the id. */
    protected abstract String prepareMalformed(ReplayingUpstream upstream);

    @BeforeEach
    void startUpstream() {
        upstream = ReplayingUpstream.start();
        plugin = plugin(upstream.baseUrl());
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void keyIsASlugAndTheScheduleIsSane() {
        assertThat(plugin.key()).matches("[a-z][a-z0-9_]*");
        assertThat(plugin.displayName()).isNotBlank();
        assertThat(plugin.snapshotType()).isNotNull();
        assertThat(plugin.refreshInterval()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void acceptedHandlesResolveToAnAccount() {
        prepareResolvable(upstream);
        assertThat(acceptedHandles()).isNotEmpty();
        for (String raw : acceptedHandles()) {
            ResolvedHandle resolved = plugin.resolve(raw);
            assertThat(resolved.accountId()).as("account id of %s", raw).isNotBlank();
            assertThat(resolved.handle()).as("handle of %s", raw).isNotBlank();
        }
    }

    @Test
    void rejectedHandlesAreInvalidWithoutAnUpstreamCall() {
        assertThat(rejectedHandles()).isNotEmpty();
        for (String raw : rejectedHandles()) {
            assertThatThrownBy(() -> plugin.resolve(raw)).as("handle %s", raw)
                    .isInstanceOfSatisfying(ProfileException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ProfileException.Reason.INVALID_HANDLE);
                        assertThat(e.getMessage()).isNotBlank();
                    });
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void snapshotsRoundTripThroughTheSharedMapper() throws Exception {
        S snapshot = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        JsonNode written = json.valueToTree(snapshot);
        S read = json.treeToValue(written, plugin.snapshotType());
        assertThat(read).isEqualTo(snapshot);
        assertThat(json.treeToValue(json.valueToTree(plugin.lasting(snapshot)), plugin.snapshotType()))
                .isEqualTo(plugin.lasting(snapshot));
    }

    @Test
    void aSnapshotComparedWithItselfHasNoChanges() {
        S snapshot = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        assertThat(plugin.changes(snapshot, snapshot)).isEmpty();
    }

    @Test
    void playingShowsAsChanges() {
        String account = prepareAccount(upstream);
        S before = plugin.fetch(account, FetchContext.first());
        prepareLaterState(upstream);
        S after = plugin.fetch(account, FetchContext.of(Optional.of(before)));
        List<ProfileChange> changes = plugin.changes(before, after);
        assertThat(changes).isNotEmpty();
        assertThat(changes).allSatisfy(c -> assertThat(c.summary()).isNotBlank());
        assertThat((Object) json.valueToTree(plugin.lasting(after))).isNotEqualTo(json.valueToTree(plugin.lasting(before)));
    }

    @Test
    void anUnknownPlayerIsNotFound() {
        assertReason(prepareUnknownPlayer(upstream), ProfileException.Reason.NOT_FOUND);
    }

    @Test
    void aPrivateProfileIsPrivate() {
        assertReason(preparePrivateProfile(upstream), ProfileException.Reason.PRIVATE);
    }

    @Test
    void throttlingIsRateLimited() {
        assertReason(prepareThrottled(upstream), ProfileException.Reason.RATE_LIMITED);
    }

    @Test
    void aServiceThatIsDownIsUpstreamDown() {
        assertReason(prepareDown(upstream), ProfileException.Reason.UPSTREAM_DOWN);
    }

    @Test
    void htmlWhereJsonWasExpectedIsABadResponse() {
        assertReason(prepareMalformed(upstream), ProfileException.Reason.BAD_RESPONSE);
    }

    @Test
    void aCancelledFetchStops() {
        String account = prepareAccount(upstream);
        AtomicInteger checks = new AtomicInteger();
        FetchContext<S> cancelled = new FetchContext<>() {
            @Override
            public Optional<S> previous() {
                return Optional.empty();
            }

            @Override
            public JsonNode settings() {
                return json.createObjectNode();
            }

            @Override
            public void checkStop() {
                checks.incrementAndGet();
                throw new CancellationForTest();
            }
        };
        assertThatThrownBy(() -> plugin.fetch(account, cancelled)).isInstanceOf(CancellationForTest.class);
        assertThat(checks.get()).isEqualTo(1);
    }

    @Test
    void viewsAnswerWithAndWithoutASnapshot() {
        S snapshot = plugin.fetch(prepareAccount(upstream), FetchContext.first());
        Set<String> names = new HashSet<>();
        for (ProfileView<S> view : plugin.views()) {
            assertThat(names.add(view.name())).as("view names are unique: %s", view.name()).isTrue();
            ProfileView.Query noParams = name -> Optional.empty();
            for (Optional<S> latest : List.of(Optional.<S>empty(), Optional.of(snapshot))) {
                Object answer = view.read(latest, noParams);
                assertThat((Object) answer).as("view %s", view.name()).isNotNull();
                JsonNode written = json.valueToTree(answer);
                assertThat(written.isArray()).as("view %s answers an array", view.name()).isEqualTo(view.array());
            }
        }
        assertThat(plugin.games(snapshot)).isNotNull();
    }

    private void assertReason(String account, ProfileException.Reason reason) {
        assertThatThrownBy(() -> plugin.fetch(account, FetchContext.first()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("<html");
                });
    }

    /** What the cancelled context throws, so the test sees it come out of fetch unchanged. */
    static final class CancellationForTest extends RuntimeException {
        CancellationForTest() {
            super("cancelled", null, false, false);
        }
    }
}
