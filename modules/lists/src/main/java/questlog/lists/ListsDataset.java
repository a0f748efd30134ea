package questlog.lists;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.result.ResultIterator;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.GameLookup;
import questlog.common.dataset.DatasetCopy;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.common.dataset.RecordFields;

/**
 * The lists module's sections of dataset documents: {@code lists} and {@code list_entries},
 * loaded after the catalog and journal sections, in the import's one transaction (see
 * {@link DatasetSection}).
 * <p>
 * A list in the document is taken as a whole: its fields and exactly the document's entries
 * (entries it had that the document does not list are removed). Entries must belong to a list of
 * the same document; in a ranked list their positions are 1..n, in an unranked one null.
 * Records whose id exists are rewritten, so importing the same document twice changes nothing.
 * New lists are public. Each list the import creates or changes gets its history rows in the
 * same transaction: {@code created} and {@code added} for a new list, {@code updated} with the
 * whole new {@code order} for a changed one.
 */
final class ListsDataset {
    static final String LISTS = "lists";
    static final String ENTRIES = "list_entries";
    static final String ACTIVITY = "list_activity";
    private static final Set<String> LIST_FIELDS = Set.of("id", "slug", "name", "description", "is_ranked");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "list", "game", "position", "notes", "added_at");
    /** Questlog's own format has every column: visibility and timestamps besides the bench format's fields. */
    private static final Set<String> FULL_LIST_FIELDS = Set.of("id", "slug", "name", "description", "is_ranked", "is_public",
            "created_at", "updated_at");
    private static final Set<String> FULL_ENTRY_FIELDS = Set.of("id", "list", "game", "position", "notes", "added_at",
            "created_at", "updated_at");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ISO_INSTANT;

    private final GameLookup catalog;
    private final ObjectMapper json;
    private final EventLog eventLog;

    ListsDataset(GameLookup catalog, ObjectMapper json, EventLog eventLog) {
        this.eventLog = eventLog;
        this.catalog = catalog;
        this.json = json;
    }

    /** {@code isPublic}, {@code createdAt} and {@code updatedAt} are null in the bench format, which has no such fields. */
    record ListRow(int index, UUID id, String slug, String name, String description, boolean ranked, Boolean isPublic,
                   Instant createdAt, Instant updatedAt) {}

    /** {@code createdAt} and {@code updatedAt} are null in the bench format. */
    record EntryRow(int index, UUID id, String list, String game, Integer position, String notes, Instant addedAt,
                    Instant createdAt, Instant updatedAt) {}

    /** The lists, entries and history of one document, as read; shared by the three sections. */
    private static final class Sections {
        private final List<ListRow> lists = new ArrayList<>();
        private final List<EntryRow> entries = new ArrayList<>();
        private final List<ExportedListActivity.Row> activity = new ArrayList<>();
        /** The list_updated events of what the load changed, one per list_activity row it adds (or, for a list new in Questlog's own format, would add). */
        private final List<ListEvent> events = new ArrayList<>();
        private boolean full;
        private Counts counts;
    }

    /**
     * The sections, {@code lists}, {@code list_entries} and (Questlog's own format only)
     * {@code list_activity}: read apart, checked and written together.
     */
    List<DatasetSection> sections() {
        return List.of(new Section(LISTS), new Section(ENTRIES), new Section(ACTIVITY));
    }

    private final class Section implements DatasetSection {
        private final String name;

        Section(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean inFormat(DatasetFormat format) {
            return !name.equals(ACTIVITY) || format == DatasetFormat.EXPORT;
        }

        /** Entries refer to games; lists and entries are checked together (entries come with their list). */
        @Override
        public Set<String> references() {
            return Set.of("games");
        }

        @Override
        public SectionImport begin(DatasetImport document) {
            Sections sections = document.shared(Sections.class, Sections::new);
            sections.full = document.format() == DatasetFormat.EXPORT;
            DatasetProblems problems = document.problems();
            return new SectionImport() {
                @Override
                public void read(int index, JsonNode record) {
                    switch (name) {
                        case LISTS -> readList(index, record, sections, problems);
                        case ENTRIES -> readEntry(index, record, sections, problems);
                        default -> ExportedListActivity.read(index, record, problems, sections.activity::add);
                    }
                }

                @Override
                public DatasetCounts load(Handle h) {
                    if (sections.counts == null) {
                        sections.counts = ListsDataset.this.load(h, sections, document.now(), problems);
                    }
                    return switch (name) {
                        case LISTS -> sections.counts.lists();
                        case ENTRIES -> sections.counts.entries();
                        default -> sections.counts.activity();
                    };
                }

                /** The lists' events, once for the three sections (they are loaded together). */
                @Override
                public void recordEvents(Handle h) {
                    if (name.equals(LISTS)) {
                        eventLog.appendAll(h, EventTypes.LIST_UPDATED, sections.events);
                    }
                }

                /** The sections are written together or not at all. */
                @Override
                public boolean wroteNothing() {
                    return problems.count(LISTS) + problems.count(ENTRIES) + problems.count(ACTIVITY) > 0;
                }
            };
        }

        @Override
        public long count(Handle h) {
            String table = switch (name) {
                case LISTS -> "list";
                case ENTRIES -> "list_entry";
                default -> "list_activity";
            };
            return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
        }

        @Override
        public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
            boolean full = format == DatasetFormat.EXPORT;
            switch (name) {
                case LISTS -> {
                    if (full) {
                        ExportedListActivity.exportLists(h, out, fetchSize);
                    } else {
                        exportLists(h, out, fetchSize);
                    }
                }
                case ENTRIES -> {
                    if (full) {
                        ExportedListActivity.exportEntries(h, out, fetchSize);
                    } else {
                        exportEntries(h, out, fetchSize);
                    }
                }
                default -> ExportedListActivity.exportActivity(h, out, fetchSize);
            }
        }
    }

    private static void readList(int index, JsonNode node, Sections into, DatasetProblems problems) {
        RecordFields f = RecordFields.of(LISTS, index, node, problems, into.full ? FULL_LIST_FIELDS : LIST_FIELDS);
        if (f == null) {
            return;
        }
        UUID id = f.id();
        String slug = f.slug();
        String name = f.requiredString("name");
        if (name != null && name.length() > ListService.MAX_NAME) {
            f.fail("name", "must be at most " + ListService.MAX_NAME + " characters");
        }
        String description = f.optionalText("description");
        Boolean ranked = f.requiredBoolean("is_ranked");
        Boolean isPublic = into.full ? f.requiredBoolean("is_public") : null;
        Instant createdAt = into.full ? f.requiredTimestamp("created_at") : null;
        Instant updatedAt = into.full ? f.requiredTimestamp("updated_at") : null;
        if (f.ok()) {
            into.lists.add(new ListRow(index, id, slug, name, description, ranked, isPublic, createdAt, updatedAt));
        }
    }

    private static void readEntry(int index, JsonNode node, Sections into, DatasetProblems problems) {
        RecordFields f = RecordFields.of(ENTRIES, index, node, problems, into.full ? FULL_ENTRY_FIELDS : ENTRY_FIELDS);
        if (f == null) {
            return;
        }
        UUID id = f.id();
        String list = f.slugReference("list");
        String game = f.slugReference("game");
        Integer position = f.optionalInt("position", 1, Integer.MAX_VALUE);
        String notes = f.optionalText("notes");
        Instant addedAt = f.requiredTimestamp("added_at");
        Instant createdAt = into.full ? f.requiredTimestamp("created_at") : null;
        Instant updatedAt = into.full ? f.requiredTimestamp("updated_at") : null;
        if (f.ok()) {
            into.entries.add(new EntryRow(index, id, list, game, position, notes, addedAt, createdAt, updatedAt));
        }
    }

    /** Counts per section: lists, list entries, list activity. */
    private record Counts(DatasetCounts lists, DatasetCounts entries, DatasetCounts activity) {}

    /**
     * Checks both sections against themselves and the library as it stands on {@code h}, then
     * writes them with set-based statements. Problems go to {@code problems}; when there are any,
     * nothing is written (the caller rolls the transaction back).
     */
    private Counts load(Handle h, Sections s, Instant now, DatasetProblems problems) {
        // lists: unique ids and slugs, slugs not taken by other lists of the library
        Map<UUID, ListRow> listsById = new HashMap<>();
        Map<String, ListRow> listsBySlug = new HashMap<>();
        for (ListRow l : s.lists) {
            ListRow sameId = listsById.putIfAbsent(l.id(), l);
            ListRow sameSlug = listsBySlug.putIfAbsent(l.slug(), l);
            if (sameId != null) {
                problems.record(LISTS, l.index(), l.id(), l.slug(), "id", "is used twice in lists: also at lists[" + sameId.index() + "]");
            }
            if (sameSlug != null) {
                problems.record(LISTS, l.index(), l.id(), l.slug(), "slug", "is used twice in lists: also at lists[" + sameSlug.index() + "]");
            }
        }
        Map<String, UUID> slugOwners = new HashMap<>();
        if (!listsBySlug.isEmpty()) {
            h.createQuery("SELECT slug, id FROM list WHERE slug = ANY(:slugs)")
                    .bindArray("slugs", String.class, listsBySlug.keySet())
                    .map((rs, ctx) -> Map.entry(rs.getString("slug"), rs.getObject("id", UUID.class)))
                    .forEach(e -> slugOwners.put(e.getKey(), e.getValue()));
        }
        for (ListRow l : s.lists) {
            UUID owner = slugOwners.get(l.slug());
            if (owner != null && !owner.equals(l.id())) {
                problems.record(LISTS, l.index(), l.id(), l.slug(), "slug", "is already the slug of another list in the library (id " + owner + ")");
            }
        }

        // entries: unique ids, their list in the document, their game in the library, one per list and game
        Map<String, GameLookup.GameRef> games = catalog.gamesBySlug(h,
                s.entries.stream().map(EntryRow::game).collect(Collectors.toSet()));
        Map<UUID, EntryRow> entriesById = new HashMap<>();
        Map<String, List<EntryRow>> entriesByList = new LinkedHashMap<>();
        Set<String> listGame = new HashSet<>();
        for (EntryRow e : s.entries) {
            EntryRow sameId = entriesById.putIfAbsent(e.id(), e);
            if (sameId != null) {
                problems.record(ENTRIES, e.index(), e.id(), null, "id", "is used twice in list_entries: also at list_entries[" + sameId.index() + "]");
                continue;
            }
            ListRow list = listsBySlug.get(e.list());
            if (list == null) {
                problems.record(ENTRIES, e.index(), e.id(), null, "list",
                        "refers to list '" + e.list() + "', which is not in the document's lists (entries come with their list)");
                continue;
            }
            if (!games.containsKey(e.game())) {
                problems.record(ENTRIES, e.index(), e.id(), null, "game",
                        "refers to game '" + e.game() + "', which is neither in the document's games nor in the library");
                continue;
            }
            if (!listGame.add(e.list() + " " + e.game())) {
                problems.record(ENTRIES, e.index(), e.id(), null, "game", "'" + e.game() + "' is in list '" + e.list() + "' twice");
                continue;
            }
            if (!list.ranked() && e.position() != null) {
                problems.record(ENTRIES, e.index(), e.id(), null, "position", "must be null: list '" + e.list() + "' is not ranked");
                continue;
            }
            if (list.ranked() && e.position() == null) {
                problems.record(ENTRIES, e.index(), e.id(), null, "position", "is required: list '" + e.list() + "' is ranked");
                continue;
            }
            entriesByList.computeIfAbsent(e.list(), k -> new ArrayList<>()).add(e);
        }
        for (ListRow l : s.lists) {
            List<EntryRow> entries = entriesByList.getOrDefault(l.slug(), List.of());
            if (l.ranked()) {
                List<EntryRow> byPosition = new ArrayList<>(entries);
                byPosition.sort(Comparator.comparing(EntryRow::position));
                for (int i = 0; i < byPosition.size(); i++) {
                    EntryRow e = byPosition.get(i);
                    if (e.position() != i + 1) {
                        problems.record(ENTRIES, e.index(), e.id(), null, "position", "the positions of ranked list '"
                                + l.slug() + "' must be 1.." + byPosition.size() + ", each once (found " + e.position() + ")");
                        break;
                    }
                }
            }
        }
        if (!entriesById.isEmpty()) {
            Set<UUID> documentLists = listsById.keySet();
            h.createQuery("SELECT e.id, l.slug FROM list_entry e JOIN list l ON l.id = e.list_id WHERE e.id = ANY(:ids)")
                    .bindArray("ids", UUID.class, entriesById.keySet())
                    .map((rs, ctx) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("slug")))
                    .forEach(found -> {
                        EntryRow e = entriesById.get(found.getKey());
                        ListRow inDocument = listsBySlug.get(found.getValue());
                        if (inDocument == null || !documentLists.contains(inDocument.id())) {
                            problems.record(ENTRIES, e.index(), e.id(), null, "id",
                                    "is already the id of an entry of list '" + found.getValue() + "', which the document does not include");
                        }
                    });
        }
        ExportedListActivity.check(s.activity, listsBySlug.keySet(), problems);
        if (problems.count(LISTS) + problems.count(ENTRIES) + problems.count(ACTIVITY) > 0) {
            return new Counts(DatasetCounts.none(s.lists.size()), DatasetCounts.none(s.entries.size()),
                    DatasetCounts.none(s.activity.size()));
        }
        return write(h, s, entriesByList, games, now);
    }

    private Counts write(Handle h, Sections s, Map<String, List<EntryRow>> entriesByList,
                         Map<String, GameLookup.GameRef> games, Instant now) {
        List<UUID> listIds = s.lists.stream().map(ListRow::id).sorted().toList();
        // Lock the document's lists that exist, like every writer of a list does, in a fixed order.
        Set<UUID> existing = new HashSet<>(h.createQuery("SELECT id FROM list WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                .bindArray("ids", UUID.class, listIds)
                .mapTo(UUID.class)
                .list());

        // Snapshot of what the existing lists show now, to tell which ones the import changes.
        Map<UUID, String> before = snapshots(h, existing);

        List<Boolean> listWrites = h.createQuery("""
                        INSERT INTO list AS l (id, slug, name, description, is_ranked, is_public, created_at, updated_at)
                        SELECT t.id, t.slug, t.name, t.description, t.ranked, coalesce(t.public, true),
                               coalesce(t.created, :now), coalesce(t.updated, :now)
                        FROM unnest(CAST(:ids AS uuid[]), CAST(:slugs AS text[]), CAST(:names AS text[]),
                                    CAST(:descriptions AS text[]), CAST(:ranked AS boolean[]), CAST(:public AS boolean[]),
                                    CAST(:created AS timestamptz[]), CAST(:updated AS timestamptz[]))
                             AS t(id, slug, name, description, ranked, public, created, updated)
                        ON CONFLICT (id) DO UPDATE
                        SET slug = excluded.slug, name = excluded.name, description = excluded.description,
                            is_ranked = excluded.is_ranked,
                            is_public = CASE WHEN :full THEN excluded.is_public ELSE l.is_public END,
                            created_at = CASE WHEN :full THEN excluded.created_at ELSE l.created_at END,
                            updated_at = excluded.updated_at
                        WHERE (l.slug, l.name, l.description, l.is_ranked)
                              IS DISTINCT FROM (excluded.slug, excluded.name, excluded.description, excluded.is_ranked)
                           OR (:full AND (l.is_public, l.created_at, l.updated_at)
                                         IS DISTINCT FROM (excluded.is_public, excluded.created_at, excluded.updated_at))
                        RETURNING (xmax = 0) AS created""")
                .bindArray("ids", UUID.class, s.lists.stream().map(ListRow::id).toList())
                .bindArray("slugs", String.class, s.lists.stream().map(ListRow::slug).toList())
                .bindArray("names", String.class, s.lists.stream().map(ListRow::name).toList())
                .bindArray("descriptions", String.class, s.lists.stream().map(ListRow::description).toList())
                .bindArray("ranked", Boolean.class, s.lists.stream().map(ListRow::ranked).toList())
                .bindArray("public", Boolean.class, s.lists.stream().map(ListRow::isPublic).toList())
                .bindArray("created", String.class, s.lists.stream().map(l -> text(l.createdAt())).toList())
                .bindArray("updated", String.class, s.lists.stream().map(l -> text(l.updatedAt())).toList())
                .bind("full", s.full)
                .bind("now", now)
                .mapTo(Boolean.class)
                .list();
        int listsCreated = (int) listWrites.stream().filter(b -> b).count();
        int listsUpdated = listWrites.size() - listsCreated;

        // The document's lists hold exactly the document's entries.
        Map<String, UUID> listIdBySlug = new HashMap<>();
        s.lists.forEach(l -> listIdBySlug.put(l.slug(), l.id()));
        List<EntryRow> all = new ArrayList<>();
        entriesByList.values().forEach(all::addAll);
        h.createUpdate("DELETE FROM list_entry WHERE list_id = ANY(:lists) AND NOT (id = ANY(:keep))")
                .bindArray("lists", UUID.class, listIds)
                .bindArray("keep", UUID.class, all.stream().map(EntryRow::id).toList())
                .execute();
        int[] entriesWritten = writeEntries(h, all, listIdBySlug, games, s.full, now);
        int entriesCreated = entriesWritten[0];
        int entriesUpdated = entriesWritten[1];

        Map<UUID, String> after = snapshots(h, new HashSet<>(listIds));
        // Events are for public lists only, as for every list change (a private list is nobody's business).
        Set<UUID> shown = new HashSet<>(h.createQuery("SELECT id FROM list WHERE id = ANY(:ids) AND is_public")
                .bindArray("ids", UUID.class, listIds).mapTo(UUID.class).list());
        // Questlog's own format brings each list's history along; it goes before what this import adds to it.
        DatasetCounts activity = ExportedListActivity.write(h, s.activity, listIdBySlug);
        // Every list's new activity in one batch, in this order (one round trip instead of one per row).
        PreparedBatch activityRows = h.prepareBatch(ListActivityDao.APPEND);
        for (ListRow l : s.lists) {
            List<EntryRow> entries = shownOrder(entriesByList.getOrDefault(l.slug(), List.of()), l.ranked());
            List<String> slugs = entries.stream().map(e -> games.get(e.game()).slug()).toList();
            boolean isNew = !existing.contains(l.id());
            if (shown.contains(l.id()) && isNew) {
                s.events.add(new ListEvent(l.slug(), "created", List.of()));
                if (!slugs.isEmpty()) {
                    s.events.add(new ListEvent(l.slug(), "added", slugs));
                }
            } else if (shown.contains(l.id()) && !after.get(l.id()).equals(before.get(l.id()))) {
                s.events.add(new ListEvent(l.slug(), "updated", List.of()));
            }
            if (s.full && !existing.contains(l.id())) {
                continue;   // a new list's history is the document's
            }
            if (!existing.contains(l.id())) {
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("name", l.name());
                created.put("is_ranked", l.ranked());
                created.put("is_public", true);
                created.put("source", "import");
                log(activityRows, l.id(), now, "created", List.of(), created);
                if (!slugs.isEmpty()) {
                    List<Integer> positions = new ArrayList<>();
                    entries.forEach(e -> positions.add(e.position()));
                    Map<String, Object> added = new HashMap<>();
                    added.put("positions", positions);
                    log(activityRows, l.id(), now, "added", slugs, added);
                }
            } else if (!after.get(l.id()).equals(before.get(l.id()))) {
                Map<String, Object> updated = new LinkedHashMap<>();
                updated.put("source", "import");
                updated.put("order", slugs);
                log(activityRows, l.id(), now, "updated", List.of(), updated);
                if (!s.full) {   // the document's updated_at stands in Questlog's own format
                    h.createUpdate("UPDATE list SET updated_at = :now WHERE id = :id").bind("id", l.id()).bind("now", now).execute();
                }
            }
        }
        if (activityRows.size() > 0) {
            activityRows.execute();
        }
        return new Counts(
                new DatasetCounts(s.lists.size(), listsCreated, listsUpdated, s.lists.size() - listsCreated - listsUpdated),
                new DatasetCounts(s.entries.size(), entriesCreated, entriesUpdated, all.size() - entriesCreated - entriesUpdated),
                activity);
    }

    /**
     * The document's entries, staged with COPY, then the existing ones whose values differ
     * rewritten and the new ones inserted, each in one statement (row upserts in chunks cost the
     * database several times as much). Existing entries go first, so an entry that takes over a
     * game another one of its list leaves finds it free. Returns created and updated.
     */
    private static int[] writeEntries(Handle h, List<EntryRow> all, Map<String, UUID> listIdBySlug,
                                      Map<String, GameLookup.GameRef> games, boolean full, Instant now) {
        h.execute("""
                CREATE TEMP TABLE import_list_entry (id uuid, list_id uuid, game_id uuid, position integer, notes text,
                    added_at timestamptz, created_at timestamptz, updated_at timestamptz) ON COMMIT DROP""");
        try (DatasetCopy copy = DatasetCopy.into(h, "import_list_entry",
                "id, list_id, game_id, position, notes, added_at, created_at, updated_at")) {
            for (EntryRow e : all) {
                copy.uuid(e.id()).uuid(listIdBySlug.get(e.list())).uuid(games.get(e.game()).id()).number(e.position())
                        .text(e.notes()).instant(e.addedAt()).instant(e.createdAt()).instant(e.updatedAt()).endRow();
            }
            copy.finish();
        }
        h.execute("ANALYZE import_list_entry (id)");
        int updated = h.createUpdate("""
                        UPDATE list_entry e
                        SET list_id = t.list_id, game_id = t.game_id, position = t.position, notes = t.notes,
                            added_at = t.added_at,
                            created_at = CASE WHEN :full THEN coalesce(t.created_at, :now) ELSE e.created_at END,
                            updated_at = coalesce(t.updated_at, :now)
                        FROM import_list_entry t
                        WHERE e.id = t.id
                          AND ((e.list_id, e.game_id, e.position, e.notes, e.added_at)
                               IS DISTINCT FROM (t.list_id, t.game_id, t.position, t.notes, t.added_at)
                               OR (:full AND (e.created_at, e.updated_at)
                                             IS DISTINCT FROM (coalesce(t.created_at, :now), coalesce(t.updated_at, :now))))""")
                .bind("full", full)
                .bind("now", now)
                .execute();
        int created = h.createUpdate("""
                        INSERT INTO list_entry (id, list_id, game_id, position, notes, added_at, created_at, updated_at)
                        SELECT t.id, t.list_id, t.game_id, t.position, t.notes, t.added_at, coalesce(t.created_at, :now),
                               coalesce(t.updated_at, :now)
                        FROM import_list_entry t
                        WHERE NOT EXISTS (SELECT 1 FROM list_entry e WHERE e.id = t.id)""")
                .bind("now", now)
                .execute();
        h.execute("DROP TABLE import_list_entry");
        return new int[] {created, updated};
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A list's entries in the order the list shows them: by position, or (unranked) newest first. */
    private static List<EntryRow> shownOrder(List<EntryRow> entries, boolean ranked) {
        List<EntryRow> sorted = new ArrayList<>(entries);
        sorted.sort(ranked ? Comparator.comparing(EntryRow::position)
                : Comparator.comparing(EntryRow::addedAt).reversed().thenComparing(EntryRow::id));
        return sorted;
    }

    /** Each list's fields and entries as one text, to compare before and after an import. */
    private static Map<UUID, String> snapshots(Handle h, Set<UUID> listIds) {
        Map<UUID, String> out = new HashMap<>();
        if (listIds.isEmpty()) {
            return out;
        }
        h.createQuery("""
                        SELECT l.id, concat_ws('|', l.slug, l.name, l.description, l.is_ranked, l.is_public,
                               (SELECT string_agg(concat_ws(',', e.id, e.game_id, e.position, e.notes, e.added_at), ';'
                                                  ORDER BY e.id)
                                FROM list_entry e WHERE e.list_id = l.id)) AS snapshot
                        FROM list l WHERE l.id = ANY(:ids)""")
                .bindArray("ids", UUID.class, listIds)
                .map((rs, ctx) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("snapshot")))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void log(PreparedBatch batch, UUID listId, Instant at, String verb, List<String> entries,
                     Map<String, Object> metadata) {
        try {
            batch.bind("listId", listId).bind("at", at).bind("verb", verb)
                    .bindArray("entries", String.class, entries)
                    .bind("metadata", json.writeValueAsString(metadata))
                    .add();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the {@code lists} member, ordered by slug. Run in a read-only, repeatable-read transaction. */
    private static void exportLists(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        try (ResultIterator<Map<String, Object>> rows = h.createQuery(
                        "SELECT id, slug, name, description, is_ranked FROM list ORDER BY slug")
                .setFetchSize(fetchSize)
                .mapToMap()
                .iterator()) {
            while (rows.hasNext()) {
                Map<String, Object> l = rows.next();
                out.writeStartObject();
                out.writeStringField("id", l.get("id").toString());
                out.writeStringField("slug", (String) l.get("slug"));
                out.writeStringField("name", (String) l.get("name"));
                out.writeStringField("description", l.get("description") == null ? "" : (String) l.get("description"));
                out.writeBooleanField("is_ranked", (Boolean) l.get("is_ranked"));
                out.writeEndObject();
            }
        }
    }

    /**
     * Writes the {@code list_entries} member: by list slug, then the list's order (position;
     * unranked entries by the second they were added, then id). Entries stream from a cursor in
     * chunks, each chunk's games looked up in the catalog. Times are written to the second, as
     * the format has them. Run in a read-only, repeatable-read transaction.
     */
    private void exportEntries(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        try (ResultIterator<ExportedEntry> rows = h.createQuery("""
                        SELECT e.id, l.slug AS list, e.game_id, e.position, e.notes, e.added_at
                        FROM list_entry e JOIN list l ON l.id = e.list_id
                        ORDER BY l.slug, e.position NULLS LAST, date_trunc('second', e.added_at), e.id""")
                .setFetchSize(fetchSize)
                .map((rs, ctx) -> new ExportedEntry(rs.getObject("id", UUID.class), rs.getString("list"),
                        rs.getObject("game_id", UUID.class), (Integer) rs.getObject("position"), rs.getString("notes"),
                        rs.getObject("added_at", java.time.OffsetDateTime.class).toInstant()))
                .iterator()) {
            List<ExportedEntry> chunk = new ArrayList<>(fetchSize);
            while (rows.hasNext()) {
                chunk.add(rows.next());
                if (chunk.size() == fetchSize) {
                    writeEntries(h, out, chunk);
                    chunk.clear();
                }
            }
            writeEntries(h, out, chunk);
        }
    }

    private record ExportedEntry(UUID id, String list, UUID gameId, Integer position, String notes, Instant addedAt) {}

    private void writeEntries(Handle h, JsonGenerator out, List<ExportedEntry> chunk) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        Map<UUID, GameLookup.GameRef> games = catalog.games(h, chunk.stream().map(ExportedEntry::gameId)
                .collect(Collectors.toSet()));
        for (ExportedEntry e : chunk) {
            out.writeStartObject();
            out.writeStringField("id", e.id().toString());
            out.writeStringField("list", e.list());
            out.writeStringField("game", games.get(e.gameId()).slug());
            if (e.position() == null) {
                out.writeNullField("position");
            } else {
                out.writeNumberField("position", e.position());
            }
            out.writeStringField("notes", e.notes() == null ? "" : e.notes());
            out.writeStringField("added_at", SECONDS.format(e.addedAt().truncatedTo(ChronoUnit.SECONDS)));
            out.writeEndObject();
        }
    }
}
