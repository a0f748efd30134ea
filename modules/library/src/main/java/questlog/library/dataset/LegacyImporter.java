package questlog.library.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import questlog.common.EventLog;
import questlog.common.FieldErrors;
import questlog.common.Slugs;
import questlog.common.Texts;
import questlog.common.dataset.DatasetImporter;
import questlog.common.dataset.ImportConflictException;
import questlog.library.catalog.Edition;
import questlog.library.catalog.Franchise;
import questlog.library.catalog.Inputs;
import questlog.library.compat.Work;

/**
 * The original Questlog's bulk import ({@code POST /api/import} with {@code {franchises, works,
 * editions}}), with the original's semantics: items are handled in order, an item whose slug
 * already exists (in the library or earlier in the body) is skipped and counted as skipped, a
 * new one is created, and an item that cannot be created gets one message in {@code errors}
 * while the others go ahead. Broken rules in the body itself (a missing name, a malformed slug
 * or date, an unknown edition type, a value the API would refuse: a name over 500 characters, a
 * release date outside the years 1940 to 2200 ...) are a 422 with field paths and nothing is
 * written.
 * <p>
 * Differences from the original, on purpose: a work's franchise is also found when it is already
 * in the library rather than in the same body (the original silently dropped it), and an
 * unknown franchise is an error for that work instead of a work without franchise; a duplicate
 * igdb_id or twitch_category_id is reported as such instead of a database error text.
 */
public final class LegacyImporter {
    private static final Pattern DATE_TEXT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private final Jdbi jdbi;
    private final Clock clock;
    private final EventLog events;

    public LegacyImporter(Jdbi jdbi, Clock clock, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
    }

    /** A body item after validation, with its effective slug. */
    private record Franchise(String name, String slug) {}

    private record Work(String name, String slug, String franchiseSlug, Integer year) {}

    private record Edition(String workSlug, String name, String slug, String editionType, Long igdbId,
                           String twitchCategoryId, String coverUrl, LocalDate releaseDate, String summary,
                           List<String> platforms, String igdbData) {}

    public LegacyImportResult importBody(LegacyImportRequest request, boolean dryRun) {
        FieldErrors problems = new FieldErrors();
        List<Franchise> franchises = new ArrayList<>();
        for (int i = 0; i < request.franchises().size(); i++) {
            var f = request.franchises().get(i);
            String at = "franchises[" + i + "]";
            if (f == null) {
                problems.add(at, "must be an object");
                continue;
            }
            String name = name(problems, at, f.name());
            String slug = slug(problems, at, f.slug(), name, "franchise");
            franchises.add(new Franchise(name, slug));
        }
        List<Work> works = new ArrayList<>();
        for (int i = 0; i < request.works().size(); i++) {
            var w = request.works().get(i);
            String at = "works[" + i + "]";
            if (w == null) {
                problems.add(at, "must be an object");
                continue;
            }
            String name = name(problems, at, w.name());
            String slug = slug(problems, at, w.slug(), name, "work");
            String franchise = emptyToNull(w.franchiseSlug());
            problems.check(franchise == null || Slugs.isValid(franchise), at + ".franchise_slug",
                    "must be the slug of a franchise (lowercase letters, digits and single hyphens)");
            Integer year = w.originalReleaseYear();
            problems.check(year == null || (year >= Inputs.MIN_YEAR && year <= Inputs.MAX_YEAR), at + ".original_release_year",
                    "must be between " + Inputs.MIN_YEAR + " and " + Inputs.MAX_YEAR);
            works.add(new Work(name, slug, franchise, year));
        }
        List<Edition> editions = new ArrayList<>();
        for (int i = 0; i < request.editions().size(); i++) {
            var e = request.editions().get(i);
            String at = "editions[" + i + "]";
            if (e == null) {
                problems.add(at, "must be an object");
                continue;
            }
            String work = emptyToNull(e.workSlug());
            if (work == null) {
                problems.add(at + ".work_slug", "is required");
            } else {
                problems.check(Slugs.isValid(work), at + ".work_slug",
                        "must be the slug of a work (lowercase letters, digits and single hyphens)");
            }
            String name = name(problems, at, e.name());
            String slug = slug(problems, at, e.slug(), name, "edition");
            String type = e.editionType() == null ? "original" : e.editionType();
            problems.check(DatasetReader.EDITION_TYPES.contains(type), at + ".edition_type",
                    "must be one of " + String.join(", ", DatasetReader.EDITION_TYPES));
            problems.check(e.igdbId() == null || e.igdbId() > 0, at + ".igdb_id", "must be a positive whole number");
            LocalDate releaseDate = date(problems, at + ".release_date", e.releaseDate());
            List<String> platforms = e.platforms() == null ? List.of() : e.platforms();
            for (int p = 0; p < platforms.size(); p++) {
                String platform = platforms.get(p);
                problems.check(platform != null && !platform.isBlank() && platform.indexOf('\0') < 0,
                        at + ".platforms[" + p + "]", "must be a non-empty string");
                maxLength(problems, at + ".platforms[" + p + "]", platform, Slugs.MAX_LENGTH);
            }
            JsonNode igdbData = e.igdbData();
            problems.check(igdbData == null || igdbData.isNull() || igdbData.isObject(), at + ".igdb_data",
                    "must be an object or null");
            String twitch = text(problems, at + ".twitch_category_id", e.twitchCategoryId());
            maxLength(problems, at + ".twitch_category_id", twitch, Inputs.MAX_ID_LENGTH);
            String cover = text(problems, at + ".cover_url", e.coverUrl());
            String summary = text(problems, at + ".summary", e.summary());
            editions.add(new Edition(work, name, slug, type, e.igdbId(), twitch, cover, releaseDate, summary, platforms,
                    igdbData == null || igdbData.isNull() ? null : igdbData.toString()));
        }
        problems.throwIfUnprocessable();

        try (Handle h = jdbi.open()) {
            h.begin();
            try {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                        .bind("key", DatasetImporter.IMPORT_LOCK).mapTo(Integer.class).one();
                OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                LegacyImportResult result = write(h, franchises, works, editions, now);
                if (!dryRun) {
                    ImportEvents.record(h, events, now);
                }
                if (dryRun) {
                    h.rollback();
                } else {
                    h.commit();
                }
                return result;
            } catch (RuntimeException e) {
                if (h.isInTransaction()) {
                    h.rollback();
                }
                throw ImportConflictException.orFailure(e, "body");
            }
        }
    }

    private LegacyImportResult write(Handle h, List<Franchise> franchises, List<Work> works, List<Edition> editions,
                                     OffsetDateTime now) {
        List<String> errors = new ArrayList<>();

        // Franchises: slug -> id of every franchise known after this step (created or already there).
        Map<String, UUID> franchiseIds = owners(h, "franchise", slugsOf(franchises, Franchise::slug, works, Work::franchiseSlug));
        int franchisesCreated = 0;
        int franchisesSkipped = 0;
        PreparedBatch franchiseInsert = h.prepareBatch("""
                INSERT INTO franchise (id, name, slug, created_at, updated_at) VALUES (:id, :name, :slug, :now, :now)""");
        for (Franchise f : franchises) {
            if (franchiseIds.containsKey(f.slug())) {
                franchisesSkipped++;
                continue;
            }
            UUID id = UUID.randomUUID();
            franchiseIds.put(f.slug(), id);
            franchiseInsert.bind("id", id).bind("name", f.name()).bind("slug", f.slug()).bind("now", now).add();
            franchisesCreated++;
        }
        execute(franchiseInsert);

        // Works.
        Map<String, UUID> workIds = owners(h, "game", slugsOf(works, Work::slug, editions, Edition::workSlug));
        int worksCreated = 0;
        int worksSkipped = 0;
        PreparedBatch workInsert = h.prepareBatch("""
                INSERT INTO game (id, name, slug, franchise_id, original_release_year, created_at, updated_at)
                VALUES (:id, :name, :slug, :franchise_id, :year, :now, :now)""");
        for (Work w : works) {
            if (workIds.containsKey(w.slug())) {
                worksSkipped++;
                continue;
            }
            UUID franchiseId = null;
            if (w.franchiseSlug() != null) {
                franchiseId = franchiseIds.get(w.franchiseSlug());
                if (franchiseId == null) {
                    errors.add("Work " + w.slug() + ": Franchise " + w.franchiseSlug() + " not found");
                    continue;
                }
            }
            UUID id = UUID.randomUUID();
            workIds.put(w.slug(), id);
            workInsert.bind("id", id).bind("name", w.name()).bind("slug", w.slug())
                    .bind("franchise_id", franchiseId).bind("year", w.year()).bind("now", now).add();
            worksCreated++;
        }
        execute(workInsert);

        // Editions: slugs, igdb ids and twitch category ids already taken.
        Set<String> editionSlugs = new HashSet<>(owners(h, "edition", slugsOf(editions, Edition::slug, List.of(), x -> null)).keySet());
        Map<Long, String> igdbOwners = new HashMap<>();
        Map<String, String> twitchOwners = new HashMap<>();
        List<Long> igdbIds = editions.stream().map(Edition::igdbId).filter(x -> x != null).toList();
        List<String> twitchIds = editions.stream().map(Edition::twitchCategoryId).filter(x -> x != null).toList();
        h.createQuery("SELECT slug, igdb_id FROM edition WHERE igdb_id = ANY(:ids)")
                .bindArray("ids", Long.class, igdbIds)
                .map((rs, ctx) -> Map.entry(rs.getLong("igdb_id"), rs.getString("slug")))
                .forEach(e -> igdbOwners.put(e.getKey(), e.getValue()));
        h.createQuery("SELECT slug, twitch_category_id FROM edition WHERE twitch_category_id = ANY(:ids)")
                .bindArray("ids", String.class, twitchIds)
                .map((rs, ctx) -> Map.entry(rs.getString("twitch_category_id"), rs.getString("slug")))
                .forEach(e -> twitchOwners.put(e.getKey(), e.getValue()));
        int editionsCreated = 0;
        int editionsSkipped = 0;
        PreparedBatch editionInsert = h.prepareBatch("""
                INSERT INTO edition (id, game_id, name, slug, edition_type, platforms, release_date, cover_url, summary,
                                     igdb_id, twitch_category_id, igdb_data, created_at, updated_at)
                VALUES (:id, :game_id, :name, :slug, :edition_type, :platforms, :release_date, :cover_url, :summary,
                        :igdb_id, :twitch_category_id, CAST(:igdb_data AS jsonb), :now, :now)""");
        for (Edition e : editions) {
            UUID workId = workIds.get(e.workSlug());
            if (workId == null) {
                errors.add("Edition " + e.slug() + ": Work " + e.workSlug() + " not found");
                continue;
            }
            if (editionSlugs.contains(e.slug())) {
                editionsSkipped++;
                continue;
            }
            if (e.igdbId() != null && igdbOwners.containsKey(e.igdbId())) {
                errors.add("Edition " + e.slug() + ": igdb_id " + e.igdbId() + " is already used by edition "
                        + igdbOwners.get(e.igdbId()));
                continue;
            }
            if (e.twitchCategoryId() != null && twitchOwners.containsKey(e.twitchCategoryId())) {
                errors.add("Edition " + e.slug() + ": twitch_category_id " + e.twitchCategoryId()
                        + " is already used by edition " + twitchOwners.get(e.twitchCategoryId()));
                continue;
            }
            editionSlugs.add(e.slug());
            if (e.igdbId() != null) {
                igdbOwners.put(e.igdbId(), e.slug());
            }
            if (e.twitchCategoryId() != null) {
                twitchOwners.put(e.twitchCategoryId(), e.slug());
            }
            editionInsert.bind("id", UUID.randomUUID()).bind("game_id", workId).bind("name", e.name()).bind("slug", e.slug())
                    .bind("edition_type", e.editionType()).bind("platforms", e.platforms().toArray(new String[0]))
                    .bind("release_date", e.releaseDate()).bind("cover_url", e.coverUrl()).bind("summary", e.summary())
                    .bind("igdb_id", e.igdbId()).bind("twitch_category_id", e.twitchCategoryId())
                    .bind("igdb_data", e.igdbData()).bind("now", now).add();
            editionsCreated++;
        }
        execute(editionInsert);
        return new LegacyImportResult(franchisesCreated, franchisesSkipped, worksCreated, worksSkipped, editionsCreated,
                editionsSkipped, errors);
    }

    private static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** The slugs of {@code items} plus those their {@code refs} point at (nulls dropped). */
    private static <A, B> Set<String> slugsOf(List<A> items, Function<A, String> slug, List<B> refs,
                                              Function<B, String> ref) {
        Set<String> slugs = new HashSet<>();
        items.forEach(i -> slugs.add(slug.apply(i)));
        refs.forEach(r -> {
            String s = ref.apply(r);
            if (s != null) {
                slugs.add(s);
            }
        });
        return slugs;
    }

    /** slug -> id of the rows of {@code table} (a constant) with one of {@code slugs}. */
    private static Map<String, UUID> owners(Handle h, String table, Collection<String> slugs) {
        Map<String, UUID> owners = new HashMap<>();
        h.createQuery("SELECT id, slug FROM " + table + " WHERE slug = ANY(:slugs)")
                .bindArray("slugs", String.class, slugs)
                .map((rs, ctx) -> Map.entry(rs.getString("slug"), rs.getObject("id", UUID.class)))
                .forEach(e -> owners.put(e.getKey(), e.getValue()));
        return owners;
    }

    private static String name(FieldErrors problems, String at, String name) {
        if (name == null || name.isBlank()) {
            problems.add(at + ".name", "is required");
            return null;
        }
        problems.check(name.indexOf('\0') < 0, at + ".name", "must not contain the NUL character");
        maxLength(problems, at + ".name", name, Inputs.MAX_NAME_LENGTH);
        return name;
    }

    /** At most {@code max} characters (code points), as the API counts them. */
    private static void maxLength(FieldErrors problems, String field, String text, int max) {
        problems.check(text == null || Texts.length(text) <= max, field, "must be at most " + max + " characters");
    }

    /** The given slug (checked), or one made from the name when none is given. */
    private static String slug(FieldErrors problems, String at, String slug, String name, String fallback) {
        String given = emptyToNull(slug);
        if (given != null) {
            problems.check(Slugs.isValid(given), at + ".slug",
                    "must be lowercase letters, digits and single hyphens, at most " + Slugs.MAX_LENGTH + " characters");
            return given;
        }
        return name == null ? null : Slugs.slugify(name, fallback);
    }

    private static String text(FieldErrors problems, String field, String value) {
        String text = emptyToNull(value);
        problems.check(text == null || text.indexOf('\0') < 0, field, "must not contain the NUL character");
        return text;
    }

    private static LocalDate date(FieldErrors problems, String field, String value) {
        String text = emptyToNull(value);
        if (text == null) {
            return null;
        }
        if (DATE_TEXT.matcher(text).matches()) {
            try {
                LocalDate date = LocalDate.parse(text);
                if (Inputs.releaseDateInRange(date)) {
                    return date;
                }
                problems.add(field, Inputs.RELEASE_DATE_RANGE);
                return null;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add(field, "must be a date YYYY-MM-DD");
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
