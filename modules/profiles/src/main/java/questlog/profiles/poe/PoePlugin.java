package questlog.profiles.poe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import questlog.profiles.FetchContext;
import questlog.profiles.ProfileAuthorization;
import questlog.profiles.PluginEnvironment;
import questlog.profiles.ProfileChange;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.profiles.ProfilePlugin;
import questlog.profiles.ResolvedHandle;

/**
 * The owner's Path of Exile account through the official API: characters with class, ascendancy,
 * level and league. The API only answers with the owner's authorization: the first sync takes the
 * sealed tokens the core's authorization routes stored in the settings ({@link PoeAuthorization}),
 * else an authorization code and its PKCE verifier from the profile's settings
 * ({@code {"authorization_code", "code_verifier"}}), else {@code POE_REFRESH_TOKEN}; after that
 * the rotated tokens travel sealed in the snapshot and are refreshed a day before they expire.
 * The handle is the account name with its discriminator ({@code Exile#1234}).
 */
public final class PoePlugin implements ProfilePlugin<PoeSnapshot>, AutoCloseable {
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_]{3,23}#\\d{4}");
    /** Ascendancy → base class (Path of Exile names the ascendancy once a character has one). */
    private static final Map<String, String> ASCENDANCIES = Map.ofEntries(
            Map.entry("Juggernaut", "Marauder"), Map.entry("Berserker", "Marauder"), Map.entry("Chieftain", "Marauder"),
            Map.entry("Raider", "Ranger"), Map.entry("Deadeye", "Ranger"), Map.entry("Pathfinder", "Ranger"),
            Map.entry("Warden", "Ranger"), Map.entry("Assassin", "Shadow"), Map.entry("Trickster", "Shadow"),
            Map.entry("Saboteur", "Shadow"), Map.entry("Slayer", "Duelist"), Map.entry("Gladiator", "Duelist"),
            Map.entry("Champion", "Duelist"), Map.entry("Inquisitor", "Templar"), Map.entry("Hierophant", "Templar"),
            Map.entry("Guardian", "Templar"), Map.entry("Necromancer", "Witch"), Map.entry("Elementalist", "Witch"),
            Map.entry("Occultist", "Witch"), Map.entry("Ascendant", "Scion"));

    private final PoeSettings settings;
    private final PoeOAuth oauth;
    private final PoeApi api;
    private final PoeAuthorization authorization;

    public PoePlugin(PoeSettings settings, Clock clock) {
        this.settings = settings;
        this.oauth = new PoeOAuth(settings, clock);
        this.api = new PoeApi(settings);
        this.authorization = new PoeAuthorization(settings, oauth);
    }

    /** The plugin with its settings from the environment and the configuration's secret box: app's one line. */
    public static PoePlugin fromEnvironment(PluginEnvironment env) {
        return new PoePlugin(PoeSettings.fromEnvironment(env.variables(), env.secrets()), env.clock());
    }

    @Override
    public String key() {
        return "poe";
    }

    @Override
    public String displayName() {
        return "Path of Exile";
    }

    @Override
    public Class<PoeSnapshot> snapshotType() {
        return PoeSnapshot.class;
    }

    /** The owner's consent through the core's {@code oauth/start} and {@code oauth/callback} routes. */
    @Override
    public Optional<ProfileAuthorization> authorization() {
        return Optional.of(authorization);
    }

    @Override
    public boolean canSync() {
        return settings.usable();
    }

    /** Path of Exile has no lookup by name without the owner's token: the name is checked at the first sync. */
    @Override
    public ResolvedHandle resolve(String raw) {
        String handle = raw == null ? "" : raw.strip();
        if (!ACCOUNT.matcher(handle).matches()) {
            throw new ProfileException(Reason.INVALID_HANDLE, "A Path of Exile handle is the account name with its "
                    + "discriminator, e.g. Exile#1234");
        }
        return new ResolvedHandle(handle, handle, handle);
    }

    @Override
    public PoeSnapshot fetch(String accountId, FetchContext<PoeSnapshot> context) {
        if (!settings.usable()) {
            throw new ProfileException(Reason.UPSTREAM_DOWN, "Path of Exile profiles need POE_CLIENT_ID, "
                    + "POE_CLIENT_SECRET and QUESTLOG_SECRET_KEY in the configuration");
        }
        context.checkStop();
        PoeSnapshot.Tokens tokens = tokens(context);
        context.checkStop();
        JsonNode profile = api.profile(oauth.accessToken(tokens));
        String name = profile.path("name").asText("");
        if (!name.equalsIgnoreCase(accountId)) {
            throw new ProfileException(Reason.PRIVATE, "The Path of Exile authorization is for " + name + ", not "
                    + accountId + ": authorize with the account of the profile");
        }
        context.checkStop();
        JsonNode answer = api.characters(oauth.accessToken(tokens));
        if (!answer.path("characters").isArray()) {
            throw new ProfileException(Reason.BAD_RESPONSE, "Path of Exile's character list has no characters");
        }
        List<PoeSnapshot.Character> characters = new ArrayList<>();
        for (JsonNode c : answer.get("characters")) {
            String shown = c.path("class").asText("");
            String base = ASCENDANCIES.get(shown);
            characters.add(new PoeSnapshot.Character(c.path("id").asText(), c.path("name").asText(),
                    c.path("realm").asText("pc"), base == null ? shown : base, base == null ? null : shown,
                    c.hasNonNull("league") ? c.get("league").asText() : null, c.path("level").asInt(0),
                    c.path("experience").asLong(0), c.path("expired").asBoolean(false),
                    c.path("deleted").asBoolean(false)));
        }
        return new PoeSnapshot(name, characters, tokens);
    }

    /**
     * The freshest sealed tokens (refreshed when due): the last sync's, or an authorization's newer
     * ones from the settings (a new authorization replaces tokens Path of Exile stopped taking);
     * else an authorization code given in the settings, else {@code POE_REFRESH_TOKEN}.
     */
    private PoeSnapshot.Tokens tokens(FetchContext<PoeSnapshot> context) {
        JsonNode given = context.settings();
        Optional<PoeSnapshot.Tokens> synced = context.previous().map(PoeSnapshot::tokens).filter(Objects::nonNull);
        Optional<PoeSnapshot.Tokens> authorized = PoeAuthorization.fromSettings(given);
        // Every grant (code or refresh) starts a new 90-day refresh token: the later end is the newer grant.
        Optional<PoeSnapshot.Tokens> stored = synced.isEmpty() ? authorized : authorized.isEmpty() ? synced
                : Optional.of(authorized.get().refreshExpiresAt().isAfter(synced.get().refreshExpiresAt())
                        ? authorized.get() : synced.get());
        if (stored.isPresent()) {
            return oauth.current(stored.get());
        }
        if (given.hasNonNull("authorization_code") && given.hasNonNull("code_verifier")) {
            return oauth.exchange(given.get("authorization_code").asText(), given.get("code_verifier").asText());
        }
        return settings.ownerRefreshToken().map(oauth::refresh).orElseThrow(() -> new ProfileException(
                Reason.PRIVATE, "Path of Exile shows characters only with the owner's authorization: start it with "
                + "POST /api/profiles/poe/{id}/oauth/start, or set POE_REFRESH_TOKEN"));
    }

    @Override
    public List<ProfileChange> changes(PoeSnapshot before, PoeSnapshot after) {
        Map<String, PoeSnapshot.Character> was = new HashMap<>();
        before.characters().forEach(c -> was.put(c.id(), c));
        List<ProfileChange> changes = new ArrayList<>();
        for (PoeSnapshot.Character c : after.characters()) {
            PoeSnapshot.Character old = was.get(c.id());
            String cls = c.ascendancy() != null ? c.ascendancy() : c.characterClass();
            if (old == null) {
                changes.add(new ProfileChange("character", "new character " + c.name() + " (" + cls
                        + (c.league() == null ? "" : ", " + c.league()) + ")", Map.of("character", c.name())));
                continue;
            }
            if (c.level() > old.level()) {
                changes.add(new ProfileChange("level", c.name() + " (" + cls + ") reached level " + c.level(),
                        Map.of("character", c.name(), "level", c.level(), "from", old.level())));
            }
            if (!Objects.equals(c.league(), old.league()) && c.league() != null) {
                changes.add(new ProfileChange("league", c.name() + " moved to " + c.league(),
                        Map.of("character", c.name(), "league", c.league())));
            }
            if (c.ascendancy() != null && old.ascendancy() == null) {
                changes.add(new ProfileChange("ascendancy", c.name() + " ascended: " + c.ascendancy(),
                        Map.of("character", c.name(), "ascendancy", c.ascendancy())));
            }
        }
        return changes;
    }

    @Override
    public PoeSnapshot lasting(PoeSnapshot snapshot) {
        return snapshot.lasting();
    }

    @Override
    public Optional<String> accountName(PoeSnapshot snapshot) {
        return Optional.of(snapshot.accountName());
    }

    /** The API's limiter, as the answers set it (for tests and metrics). */
    PoeRateLimits limits() {
        return api.limits();
    }

    @Override
    public void close() {
        oauth.close();
        api.close();
    }
}
