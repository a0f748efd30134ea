package questlog.importers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import questlog.common.CatalogWrites;
import questlog.common.CatalogWrites.ExternalKey;
import questlog.common.CatalogWrites.FranchiseRef;
import questlog.common.EventLog;
import questlog.common.GameLookup;
import questlog.common.GameLookup.GameRef;
import questlog.common.JournalWrites;
import questlog.common.JournalWrites.ImportedPlaythrough;
import questlog.common.ListWrites;
import questlog.common.ListWrites.ListRef;
import questlog.common.CollectedEvents;
import questlog.common.Slugs;
import questlog.common.dataset.DatasetImporter;
import questlog.importers.GistReport.Action;
import questlog.importers.GistReport.Counts;

/**
 * Imports a parsed gist in one transaction. First a handful of set-based lookups find what the
 * gist names (franchises by name, games by Steam id, slug and exact name, imported lines by
 * {@code source_ref}, lists by slug); then each item is resolved in order, creating only what
 * is missing, through the other modules' write contracts; then the playthroughs and list entries
 * go in, and last the events. A dry run does the same and rolls back, so it reports exactly what
 * a real run would do. Imports are serialised with each other (the dataset import's lock), so two
 * concurrent runs of one gist cannot both create a game.
 */
final class GistImport {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GistImport.class);
    /** Playthroughs written per call, between two progress reports. */
    private static final int WRITE_CHUNK = 100;
    private final Jdbi jdbi;
    private final GistParser parser = new GistParser();
    private final GameLookup games;
    private final CatalogWrites catalog;
    private final JournalWrites journal;
    private final ListWrites lists;
    private final EventLog events;

    GistImport(Jdbi jdbi, GameLookup games, CatalogWrites catalog, JournalWrites journal, ListWrites lists,
               EventLog events) {
        this.jdbi = jdbi;
        this.games = games;
        this.catalog = catalog;
        this.journal = journal;
        this.lists = lists;
        this.events = events;
    }

    /** How far an import is: {@code done} of {@code total} steps (each item is looked up, then written). */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (done, total) -> { };

        void at(int done, int total);
    }

    GistReport run(String markdown, boolean dryRun) {
        return run(markdown, dryRun, Progress.NONE);
    }

    GistReport run(String markdown, boolean dryRun, Progress progress) {
        GistParser.Gist gist = parser.parse(markdown);
        Map<String, Long> igdbIds = igdbIds(gist);
        try {
            return jdbi.inTransaction(h -> {
                GistReport report = new Run(h, gist, dryRun, progress, igdbIds).execute();
                if (dryRun) {
                    throw new DryRun(report);
                }
                return report;
            });
        } catch (DryRun rolledBack) {
            return rolledBack.report;
        }
    }

    /**
     * Where an item's game comes from: found in the library ({@code game} set from the start), or
     * to create ({@code toCreate}, {@code game} set once created; an expansion one level below its
     * parent). Items naming the same game share one slot.
     */
    private static final class Slot {
        static final Slot SKIPPED = new Slot(0, null, null);

        final int line;
        final CatalogWrites.NewGame toCreate;
        final Slot parent;
        final int depth;
        GameRef game;

        Slot(int line, CatalogWrites.NewGame toCreate, Slot parent) {
            this.line = line;
            this.toCreate = toCreate;
            this.parent = parent;
            this.depth = parent == null || parent.toCreate == null ? 0 : parent.depth + 1;
        }

        static Slot of(GameRef found) {
            Slot slot = new Slot(0, null, null);
            slot.game = found;
            return slot;
        }

        boolean skipped() {
            return this == SKIPPED;
        }

        /** The game to create, under its parent's slug now that the parent exists. */
        CatalogWrites.NewGame request() {
            return parent == null ? toCreate : new CatalogWrites.NewGame(toCreate.name(), toCreate.franchise(),
                    parent.game.slug(), toCreate.relationshipType(), toCreate.externalIds(), toCreate.igdbId());
        }
    }

    /**
     * IGDB's id of each name it knows as exactly one game, asked before the transaction (a network
     * call must not hold the import's lock); without IGDB, or when it cannot be reached, none.
     */
    private Map<String, Long> igdbIds(GistParser.Gist gist) {
        Set<String> names = new LinkedHashSet<>();
        gist.items().forEach(item -> {
            if (item.name() != null) {
                names.add(item.name());
            }
        });
        try {
            return catalog.igdbIdsByName(names);
        } catch (RuntimeException e) {
            log.warn("IGDB could not be asked about the gist's names; matching without it: {}", e.getMessage());
            return Map.of();
        }
    }

    /** Carries a dry run's report out of its transaction, which it rolls back. */
    private static final class DryRun extends RuntimeException {
        final transient GistReport report;

        DryRun(GistReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    /** One import: the lookups' answers, what this run resolved and created, and the report's lines. */
    private final class Run {
        private final Handle h;
        private final GistParser.Gist gist;
        private final boolean dryRun;
        private final Progress progress;
        private final CollectedEvents pending = new CollectedEvents();
        private final List<Action> actions = new ArrayList<>();
        private final Map<String, FranchiseRef> franchises;
        private final Map<ExternalKey, GameRef> byExternalId;
        private final Map<String, GameRef> bySlug;
        private final Map<String, List<GameRef>> byName;
        private final Set<String> importedRefs;
        private final Map<String, ListRef> listsBySlug;
        /** Games resolved by this run, by name: a game named twice is looked up (or created) once. */
        private final Map<String, Slot> resolved = new HashMap<>();
        /** IGDB's id of names it knows (asked before the transaction), and the library's games with those ids. */
        private final Map<String, Long> igdbIds;
        private final Map<Long, GameRef> byIgdbId;
        private final Set<UUID> matchedGames = new HashSet<>();
        private final Set<UUID> createdGames = new HashSet<>();
        private final Set<String> createdFranchises = new HashSet<>();
        private final Set<UUID> matchedFranchises = new HashSet<>();
        private final Map<UUID, Set<UUID>> listGames = new HashMap<>();
        private final Map<UUID, List<GameRef>> listAppends = new LinkedHashMap<>();
        private final Map<UUID, ListRef> listsById = new HashMap<>();
        private final List<ImportedPlaythrough> playthroughs = new ArrayList<>();
        private int createdLists;
        private int matchedLists;
        private int unchangedPlaythroughs;
        private int unchangedEntries;
        private int skipped;

        Run(Handle h, GistParser.Gist gist, boolean dryRun, Progress progress, Map<String, Long> igdbIds) {
            this.h = h;
            this.igdbIds = igdbIds;
            this.gist = gist;
            this.dryRun = dryRun;
            this.progress = progress;
            h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", DatasetImporter.IMPORT_LOCK)
                    .mapTo(Integer.class).one();
            Set<String> names = new LinkedHashSet<>();
            Set<String> franchiseNames = new LinkedHashSet<>();
            Set<ExternalKey> keys = new LinkedHashSet<>();
            Set<String> refs = new LinkedHashSet<>();
            Set<String> listSlugs = new LinkedHashSet<>();
            for (GistItem item : gist.items()) {
                if (item.name() != null) {
                    names.add(item.name());
                }
                if (item.section().franchise() != null) {
                    franchiseNames.add(item.section().franchise());
                }
                if (item.link() != null) {
                    keys.add(item.link());
                }
                if (item.section().isList()) {
                    listSlugs.add(Slugs.slugify(item.section().listName(), "list"));
                } else {
                    refs.add(item.sourceRef());
                }
            }
            this.franchises = new HashMap<>(franchiseNames.isEmpty() ? Map.of() : catalog.franchisesByName(h, franchiseNames));
            this.byExternalId = keys.isEmpty() ? Map.of() : catalog.gamesByExternalId(h, keys);
            this.bySlug = names.isEmpty() ? Map.of()
                    : games.gamesBySlug(h, names.stream().map(n -> Slugs.slugify(n, "game")).toList());
            this.byName = names.isEmpty() ? Map.of() : catalog.gamesByName(h, names);
            this.importedRefs = refs.isEmpty() ? Set.of() : journal.importedSourceRefs(h, refs);
            this.byIgdbId = igdbIds.isEmpty() ? Map.of() : catalog.gamesByIgdbId(h, igdbIds.values());
            this.listsBySlug = new HashMap<>(listSlugs.isEmpty() ? Map.of() : lists.listsBySlug(h, listSlugs));
        }

        GistReport execute() {
            List<Action> skippedLines = gist.skipped().stream()
                    .map(s -> new Action(s.line(), "skipped", "line", s.text(), s.reason())).toList();
            skipped = skippedLines.size();
            int n = gist.items().size();
            int total = 3 * n;
            progress.at(0, total);
            // 1. Resolve every item to a game found in the library, or to one to create.
            List<Slot> slots = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                GistItem item = gist.items().get(i);
                Slot parent = item.parent() < 0 ? null : slots.get(item.parent());
                if (parent != null && parent.skipped()) {
                    skip(item, "its parent item (line " + gist.items().get(item.parent()).line() + ") was skipped");
                    slots.add(Slot.SKIPPED);
                } else {
                    slots.add(slot(item, parent));
                }
                progress.at(i + 1, total);
            }
            // 2. Create the missing games, a level at a time (an expansion after the game it expands).
            List<Slot> toCreate = slots.stream().filter(s -> s.toCreate != null).distinct().toList();
            for (int level = 0; toCreate.stream().anyMatch(s -> s.game == null); level++) {
                int depth = level;
                List<Slot> batch = toCreate.stream().filter(s -> s.game == null && s.depth == depth).toList();
                if (batch.isEmpty()) {
                    throw new IllegalStateException("games left to create below level " + depth);
                }
                List<GameRef> made = catalog.createGames(h, batch.stream().map(s -> s.request()).toList(), pending);
                for (int i = 0; i < batch.size(); i++) {
                    Slot slot = batch.get(i);
                    slot.game = made.get(i);
                    createdGames.add(slot.game.id());
                    actions.add(new Action(slot.line, "created", "game", slot.game.name(), slot.game.slug()
                            + (slot.toCreate.franchise() != null ? ", franchise " + slot.toCreate.franchise() : "")
                            + (slot.toCreate.igdbId() != null ? ", igdb_id " + slot.toCreate.igdbId() : "")
                            + (slot.parent != null ? ", expansion of " + slot.parent.game.slug() : "")));
                }
            }
            progress.at(2 * n, total);
            // 3. The playthroughs and list entries.
            for (int i = 0; i < n; i++) {
                GistItem item = gist.items().get(i);
                GameRef game = slots.get(i).game;
                if (game == null) {
                    continue;
                }
                if (item.section().isList()) {
                    entry(item, game);
                } else {
                    playthrough(item, game);
                }
            }
            int done = 2 * n;
            for (int from = 0; from < playthroughs.size(); from += WRITE_CHUNK) {
                List<ImportedPlaythrough> chunk = playthroughs.subList(from, Math.min(from + WRITE_CHUNK, playthroughs.size()));
                journal.addImported(h, chunk, pending);
                progress.at(done += chunk.size(), total);
            }
            listAppends.forEach((listId, added) -> lists.append(h, listsById.get(listId), added, pending));
            if (!dryRun) {
                pending.appendTo(events, h);
            }
            progress.at(total, total);
            List<Action> all = new ArrayList<>(actions);
            all.addAll(skippedLines);
            all.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new GistReport(dryRun, gist.items().size(),
                    new Counts(createdFranchises.size(), createdGames.size(), playthroughs.size(), createdLists,
                            listAppends.values().stream().mapToInt(List::size).sum()),
                    new Counts(matchedFranchises.size(), matchedGames.size(), 0, matchedLists, 0),
                    new Counts(0, 0, unchangedPlaythroughs, 0, unchangedEntries),
                    skipped, all);
        }

        /** The item's game: found by Steam id, slug or exact name (or earlier in this run), else one to create. */
        private Slot slot(GistItem item, Slot parent) {
            if (item.link() != null && byExternalId.containsKey(item.link())) {
                return Slot.of(matched(item, byExternalId.get(item.link()), "by its " + item.link().source() + " id "
                        + item.link().externalId()));
            }
            if (item.name() == null) {
                skip(item, "a bare link to " + item.link().source() + " app " + item.link().externalId()
                        + ", which no game in the library has");
                return Slot.SKIPPED;
            }
            Slot known = resolved.get(item.name());
            if (known != null) {
                return known;
            }
            GameRef bySlugMatch = bySlug.get(Slugs.slugify(item.name(), "game"));
            if (bySlugMatch != null) {
                return remember(item, Slot.of(matched(item, bySlugMatch, "by slug")));
            }
            List<GameRef> named = byName.getOrDefault(item.name(), List.of());
            if (named.size() > 1) {
                skip(item, named.size() + " games are named '" + item.name() + "' ("
                        + String.join(", ", named.stream().map(GameRef::slug).toList()) + "): link one by its Steam page");
                return Slot.SKIPPED;
            }
            if (named.size() == 1) {
                return remember(item, Slot.of(matched(item, named.getFirst(), "by name")));
            }
            Long igdbId = igdbIds.get(item.name());
            if (igdbId != null && byIgdbId.containsKey(igdbId)) {
                return remember(item, Slot.of(matched(item, byIgdbId.get(igdbId), "through IGDB (igdb_id " + igdbId + ")")));
            }
            String franchise = parent == null ? franchise(item) : null;
            var request = new CatalogWrites.NewGame(item.name(), franchise, null, parent == null ? null : "expansion",
                    item.link() == null ? List.of() : List.of(item.link()), igdbId);
            return remember(item, new Slot(item.line(), request, parent));
        }

        private Slot remember(GistItem item, Slot slot) {
            resolved.put(item.name(), slot);
            return slot;
        }

        private GameRef matched(GistItem item, GameRef game, String how) {
            if (matchedGames.add(game.id())) {
                actions.add(new Action(item.line(), "matched", "game", game.name(), game.slug() + ", " + how));
            }
            return game;
        }

        /** The slug of the item's franchise, found or created; null when its section names no series. */
        private String franchise(GistItem item) {
            String name = item.section().franchise();
            if (name == null) {
                return null;
            }
            FranchiseRef franchise = franchises.get(name);
            if (franchise == null) {
                franchise = catalog.createFranchise(h, name);
                franchises.put(name, franchise);
                createdFranchises.add(franchise.slug());
                actions.add(new Action(item.line(), "created", "franchise", franchise.name(), franchise.slug()));
            } else if (!createdFranchises.contains(franchise.slug()) && matchedFranchises.add(franchise.id())) {
                actions.add(new Action(item.line(), "matched", "franchise", franchise.name(), franchise.slug()));
            }
            return franchise.slug();
        }

        private void playthrough(GistItem item, GameRef game) {
            if (importedRefs.contains(item.sourceRef())) {
                unchangedPlaythroughs++;
                actions.add(new Action(item.line(), "unchanged", "playthrough", game.name(),
                        "imported before (" + item.sourceRef() + ")"));
                return;
            }
            playthroughs.add(new ImportedPlaythrough(game.id(), item.section().status(), item.platform(), item.notes(),
                    item.sourceRef()));
            actions.add(new Action(item.line(), "created", "playthrough", game.name(), item.section().status()
                    + (item.platform() != null ? " on " + item.platform() : "")
                    + (item.notes() != null ? ", notes: " + item.notes() : "")));
        }

        private void entry(GistItem item, GameRef game) {
            ListRef list = list(item);
            Set<UUID> present = listGames.computeIfAbsent(list.id(), id -> new HashSet<>(lists.gameIds(h, id)));
            if (!present.add(game.id())) {
                unchangedEntries++;
                actions.add(new Action(item.line(), "unchanged", "list_entry", game.name(), "already in " + list.slug()));
                return;
            }
            listAppends.computeIfAbsent(list.id(), id -> new ArrayList<>()).add(game);
            actions.add(new Action(item.line(), "created", "list_entry", game.name(), "in " + list.slug()
                    + (list.ranked() ? " at " + (present.size()) : "")));
        }

        private ListRef list(GistItem item) {
            String slug = Slugs.slugify(item.section().listName(), "list");
            ListRef list = listsBySlug.get(slug);
            if (list == null) {
                list = lists.create(h, item.section().listName(), slug, item.section().ranked(), pending);
                createdLists++;
                actions.add(new Action(item.line(), "created", "list", list.name(), list.slug()
                        + (list.ranked() ? ", ranked" : "")));
                listsBySlug.put(slug, list);
            } else if (!listsById.containsKey(list.id())) {
                matchedLists++;
                actions.add(new Action(item.line(), "matched", "list", list.name(), list.slug()));
            }
            listsById.put(list.id(), list);
            return list;
        }

        private void skip(GistItem item, String reason) {
            skipped++;
            actions.add(new Action(item.line(), "skipped", "line", item.text(), reason));
        }
    }
}
