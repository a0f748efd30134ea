package questlog.profiles.ffxiv;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import questlog.profiles.FetchContext;
import questlog.profiles.PluginEnvironment;
import questlog.profiles.ProfileChange;
import questlog.profiles.ProfileException;
import questlog.profiles.ProfileException.Reason;
import questlog.profiles.ProfilePlugin;
import questlog.profiles.ProfileView;
import questlog.profiles.ResolvedHandle;

/**
 * Final Fantasy XIV characters: the Lodestone's profile and class/job pages (name, world, data
 * center, title, free company, active job, every job's level) and FFXIV Collect's mounts, minions
 * and achievements. A handle is a Lodestone id, a Lodestone character URL, or
 * {@code "First Last@World"} (looked up with the Lodestone's search).
 */
public final class FfxivPlugin implements ProfilePlugin<FfxivSnapshot>, AutoCloseable {
    private static final Pattern ID = Pattern.compile("\\d{1,10}");
    private static final Pattern URL = Pattern.compile(
            "https?://(?:na|eu|de|fr|jp)\\.finalfantasyxiv\\.com/lodestone/character/(\\d{1,10})/?(?:[?#].*)?",
            Pattern.CASE_INSENSITIVE);
    /** Each part of a character's name is 2 to 15 letters (apostrophes and hyphens allowed); worlds are one word. */
    private static final Pattern NAME_AT_WORLD = Pattern.compile(
            "([\\p{L}'\\-]{2,15}) ([\\p{L}'\\-]{2,15})\\s*(?:@\\s*([A-Za-z]{3,20})|\\(\\s*([A-Za-z]{3,20})\\s*\\))");
    private static final int MAX_HANDLE = 200;

    private final LodestoneClient lodestone;
    private final FfxivCollectClient collect;

    public FfxivPlugin(FfxivSettings settings) {
        this.lodestone = new LodestoneClient(settings);
        this.collect = new FfxivCollectClient(settings);
    }

    /** The plugin with {@link FfxivSettings#fromEnvironment its settings from the environment}: app's one line. */
    public static FfxivPlugin fromEnvironment(PluginEnvironment env) {
        return new FfxivPlugin(FfxivSettings.fromEnvironment(env.variables()));
    }

    @Override
    public String key() {
        return "ffxiv";
    }

    @Override
    public String displayName() {
        return "Final Fantasy XIV";
    }

    @Override
    public Class<FfxivSnapshot> snapshotType() {
        return FfxivSnapshot.class;
    }

    @Override
    public ResolvedHandle resolve(String raw) {
        String handle = raw == null ? "" : raw.strip();
        if (handle.isEmpty() || handle.length() > MAX_HANDLE) {
            throw invalid(handle.isEmpty() ? "A Final Fantasy XIV handle cannot be empty" : "The handle is too long");
        }
        Matcher url = URL.matcher(handle);
        String id = ID.matcher(handle).matches() ? handle : url.matches() ? url.group(1) : null;
        if (id != null) {
            LodestonePages.Profile profile = lodestone.profile(id);
            return new ResolvedHandle(id, id, profile.name() + "@" + profile.world());
        }
        Matcher named = NAME_AT_WORLD.matcher(handle);
        if (!named.matches()) {
            throw invalid("A Final Fantasy XIV handle is a Lodestone character id (8255311), its Lodestone URL, "
                    + "or 'First Last@World'");
        }
        String name = named.group(1) + " " + named.group(2);
        String world = named.group(3) != null ? named.group(3) : named.group(4);
        LodestonePages.SearchEntry found = lodestone.search(name, world).stream()
                .filter(e -> e.name().equalsIgnoreCase(name) && e.world().equalsIgnoreCase(world))
                .findFirst()
                .orElseThrow(() -> new ProfileException(Reason.NOT_FOUND,
                        "The Lodestone has no character named " + name + " on " + world));
        return new ResolvedHandle(found.id(), found.name() + "@" + found.world(), found.name() + "@" + found.world());
    }

    @Override
    public FfxivSnapshot fetch(String accountId, FetchContext<FfxivSnapshot> context) {
        if (!ID.matcher(accountId).matches()) {
            throw invalid("A Lodestone character id is a number: " + accountId);
        }
        context.checkStop();
        LodestonePages.Profile profile = lodestone.profile(accountId);
        context.checkStop();
        List<LodestonePages.JobRow> rows = lodestone.classJobs(accountId);
        context.checkStop();
        FfxivCollectClient.Answer collections = collect.character(accountId);
        String activeJob = rows.stream()
                .filter(row -> row.icon() != null && row.icon().equals(profile.activeJobIcon()))
                .map(row -> row.job().name())
                .findFirst().orElse(null);
        return new FfxivSnapshot(accountId, profile.name(), profile.title(), profile.world(), profile.dataCenter(),
                activeJob, profile.activeJobLevel(), profile.freeCompany(),
                rows.stream().map(LodestonePages.JobRow::job).toList(), collections.collections(), collections.status());
    }

    @Override
    public List<ProfileChange> changes(FfxivSnapshot before, FfxivSnapshot after) {
        return FfxivChanges.between(before, after);
    }

    /** Experience points and FFXIV Collect's parse time move all the time: kept as the latest data only. */
    @Override
    public FfxivSnapshot lasting(FfxivSnapshot snapshot) {
        return snapshot.lasting();
    }

    @Override
    public List<ProfileView<FfxivSnapshot>> views() {
        return List.of(
                new ProfileView<>("character", "The character: world, job, free company and collection counts",
                        "From the latest sync of the Lodestone and FFXIV Collect; every field is null before the "
                                + "first sync, the collection fields also when FFXIV Collect does not list the "
                                + "character or it is private there (collections_status says which).",
                        FfxivCharacterView.class, false, List.of(), null, null,
                        (latest, query) -> latest.map(FfxivCharacterView::of).orElse(FfxivCharacterView.NONE)),
                new ProfileView<>("jobs", "Every class and job with its level, in the Lodestone's order",
                        "Level 0 for a class not yet learnt; exp and exp_to_level are null at the level cap. "
                                + "An empty list before the first sync.",
                        FfxivSnapshot.Job.class, true, List.of(), null, null,
                        (latest, query) -> latest.map(FfxivSnapshot::jobs).orElse(List.of())));
    }

    @Override
    public void close() {
        lodestone.close();
        collect.close();
    }

    private static ProfileException invalid(String message) {
        return new ProfileException(Reason.INVALID_HANDLE, message);
    }

    @Override
    public String toString() {
        return "FfxivPlugin";
    }
}
