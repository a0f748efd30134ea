package questlog.importers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import questlog.common.CatalogWrites;
import questlog.common.CopyCounts;
import questlog.common.EventLog;
import questlog.common.FieldErrors;
import questlog.common.ListWrites;
import questlog.common.CollectedEvents;
import questlog.common.Slugs;
import questlog.common.dataset.DatasetImporter;

/**
 * Copies records of the original Questlog into this server keeping their ids, in one transaction
 * (franchises, genres, works with editions, then lists with entries and history), through the
 * library's and lists' copy contracts; every rule is checked first, and any problem is a 422
 * naming every offending field, with nothing written. Copying the same records twice changes
 * nothing. A dry run does everything and rolls back.
 */
final class QuestlogCopy {
    private static final Set<String> EDITION_TYPES = Set.of("original", "port", "remaster", "enhanced", "remake", "definitive");
    private static final Set<String> VERBS = Set.of("created", "added", "removed", "reordered", "updated");
    private static final int MAX_NAME = 255;
    /** The library's own limits (its API's): release years and the years of release dates, unique ids. */
    private static final int MIN_YEAR = 1940;
    private static final int MAX_YEAR = 2200;
    private static final int MAX_ID = 255;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final CatalogWrites catalog;
    private final ListWrites lists;
    private final EventLog events;

    QuestlogCopy(Jdbi jdbi, ObjectMapper json, CatalogWrites catalog, ListWrites lists, EventLog events) {
        this.jdbi = jdbi;
        this.json = json;
        this.catalog = catalog;
        this.lists = lists;
        this.events = events;
    }

    CopyReport run(CopyRequest request, boolean dryRun) {
        check(request);
        var franchises = request.franchises().stream()
                .map(f -> new CatalogWrites.CopiedFranchise(f.id(), f.name(), f.slug())).toList();
        var genres = request.genres().stream()
                .map(g -> new CatalogWrites.CopiedGenre(g.id(), g.name(), g.slug(), g.igdbId(), g.parentId())).toList();
        var games = request.works().stream().map(w -> new CatalogWrites.CopiedGame(w.id(), w.name(), w.slug(),
                w.franchise() == null ? null : w.franchise().id(), w.originalReleaseYear())).toList();
        List<CatalogWrites.CopiedEdition> editions = new ArrayList<>();
        for (CopyRequest.Work w : request.works()) {
            for (CopyRequest.Edition e : w.editions() == null ? List.<CopyRequest.Edition>of() : w.editions()) {
                editions.add(new CatalogWrites.CopiedEdition(e.id(), w.id(), e.name(), e.slug(),
                        e.editionType() == null ? "original" : e.editionType(), e.igdbId(), blankToNull(e.twitchCategoryId()),
                        blankToNull(e.coverUrl()), e.releaseDate(), blankToNull(e.summary())));
            }
        }
        List<ListWrites.CopiedList> copiedLists = request.lists().stream().map(this::list).toList();
        try {
            return jdbi.inTransaction(h -> {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", DatasetImporter.IMPORT_LOCK)
                        .mapTo(Integer.class).one();
                CollectedEvents pending = new CollectedEvents();
                CatalogWrites.CopyReport catalogReport = catalog.copy(h, franchises, genres, games, editions, pending);
                CopyCounts listCounts = lists.copy(h, copiedLists, pending);
                CopyReport report = new CopyReport(dryRun, catalogReport.franchises(), catalogReport.genres(),
                        catalogReport.games(), catalogReport.editions(), listCounts);
                if (dryRun) {
                    throw new DryRun(report);
                }
                pending.appendTo(events, h);
                return report;
            });
        } catch (DryRun rolledBack) {
            return rolledBack.report;
        }
    }

    private static final class DryRun extends RuntimeException {
        final transient CopyReport report;

        DryRun(CopyReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    private ListWrites.CopiedList list(CopyRequest.ListCopy l) {
        List<ListWrites.CopiedEntry> entries = (l.entries() == null ? List.<CopyRequest.Entry>of() : l.entries()).stream()
                .map(e -> new ListWrites.CopiedEntry(e.id(), e.workId(), e.position(), blankToNull(e.notes()))).toList();
        // Served newest first; stored oldest first, so that the history reads back in the same order.
        List<ListWrites.CopiedActivity> activity = new ArrayList<>();
        for (CopyRequest.OriginalListActivity a : l.activity() == null ? List.<CopyRequest.OriginalListActivity>of() : l.activity()) {
            activity.addFirst(new ListWrites.CopiedActivity(a.id(), a.timestamp(), a.verb(),
                    a.entries() == null ? List.of() : a.entries(), metadata(a)));
        }
        return new ListWrites.CopiedList(l.id(), l.slug(), l.name(), blankToNull(l.description()), l.isRanked(), entries,
                activity);
    }

    private String metadata(CopyRequest.OriginalListActivity a) {
        try {
            return a.metadata() == null || a.metadata().isNull() ? "{}" : json.writeValueAsString(a.metadata());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every rule the stored data would refuse, reported together before anything is written. */
    private static void check(CopyRequest r) {
        FieldErrors errors = new FieldErrors();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < r.franchises().size(); i++) {
            CopyRequest.Franchise f = r.franchises().get(i);
            named(errors, "franchises[" + i + "]", f == null ? null : f.name(), f == null ? null : f.slug());
        }
        for (int i = 0; i < r.genres().size(); i++) {
            CopyRequest.Genre g = r.genres().get(i);
            named(errors, "genres[" + i + "]", g == null ? null : g.name(), g == null ? null : g.slug());
            errors.check(g == null || g.igdbId() == null || g.igdbId() > 0, "genres[" + i + "].igdb_id", "must be positive");
        }
        for (int i = 0; i < r.works().size(); i++) {
            CopyRequest.Work w = r.works().get(i);
            String at = "works[" + i + "]";
            named(errors, at, w == null ? null : w.name(), w == null ? null : w.slug());
            if (w == null) {
                continue;
            }
            errors.check(w.originalReleaseYear() == null || w.originalReleaseYear() >= MIN_YEAR && w.originalReleaseYear() <= MAX_YEAR,
                    at + ".original_release_year", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
            List<CopyRequest.Edition> editions = w.editions() == null ? List.of() : w.editions();
            for (int j = 0; j < editions.size(); j++) {
                CopyRequest.Edition e = editions.get(j);
                String ed = at + ".editions[" + j + "]";
                named(errors, ed, e == null ? null : e.name(), e == null ? null : e.slug());
                if (e == null) {
                    continue;
                }
                errors.check(e.id() == null || ids.add(e.id()), ed + ".id", "is given twice");
                errors.check(e.workId() == null || e.workId().equals(w.id()), ed + ".work_id", "must be the id of its work");
                errors.check(e.editionType() == null || EDITION_TYPES.contains(e.editionType()), ed + ".edition_type",
                        "must be one of " + String.join(", ", EDITION_TYPES));
                errors.check(e.igdbId() == null || e.igdbId() > 0, ed + ".igdb_id", "must be positive");
                errors.check(e.releaseDate() == null || e.releaseDate().getYear() >= MIN_YEAR && e.releaseDate().getYear() <= MAX_YEAR,
                        ed + ".release_date", "must be a date between " + MIN_YEAR + " and " + MAX_YEAR);
                errors.check(e.twitchCategoryId() == null
                                || e.twitchCategoryId().codePointCount(0, e.twitchCategoryId().length()) <= MAX_ID,
                        ed + ".twitch_category_id", "must be at most " + MAX_ID + " characters");
            }
        }
        for (int i = 0; i < r.lists().size(); i++) {
            CopyRequest.ListCopy l = r.lists().get(i);
            String at = "lists[" + i + "]";
            named(errors, at, l == null ? null : l.name(), l == null ? null : l.slug());
            if (l == null) {
                continue;
            }
            List<CopyRequest.Entry> entries = l.entries() == null ? List.of() : l.entries();
            Set<UUID> games = new HashSet<>();
            Set<Integer> positions = new HashSet<>();
            for (int j = 0; j < entries.size(); j++) {
                CopyRequest.Entry e = entries.get(j);
                String en = at + ".entries[" + j + "]";
                if (e == null) {
                    errors.add(en, "must be an object");
                    continue;
                }
                errors.check(games.add(e.workId()), en + ".work_id", "is in the list twice");
                if (l.isRanked()) {
                    errors.check(e.position() != null && e.position() >= 1 && e.position() <= entries.size()
                            && positions.add(e.position()), en + ".position", "must be 1 to " + entries.size() + ", once each, in a ranked list");
                }
            }
            List<CopyRequest.OriginalListActivity> activity = l.activity() == null ? List.of() : l.activity();
            for (int j = 0; j < activity.size(); j++) {
                CopyRequest.OriginalListActivity a = activity.get(j);
                String ac = at + ".activity[" + j + "]";
                if (a == null) {
                    errors.add(ac, "must be an object");
                    continue;
                }
                errors.check(a.verb() != null && VERBS.contains(a.verb()), ac + ".verb", "must be one of " + String.join(", ", VERBS));
                errors.check(a.metadata() == null || a.metadata().isNull() || a.metadata().isObject(), ac + ".metadata",
                        "must be an object");
            }
        }
        errors.throwIfUnprocessable();
    }

    private static void named(FieldErrors errors, String at, String name, String slug) {
        if (name == null && slug == null) {
            errors.add(at, "must be an object with id, name and slug");
            return;
        }
        errors.check(name != null && !name.isBlank() && name.length() <= MAX_NAME, at + ".name",
                "is required, at most " + MAX_NAME + " characters");
        errors.check(slug != null && Slugs.isValid(slug), at + ".slug",
                "must be lowercase letters and digits in words joined by single hyphens");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
