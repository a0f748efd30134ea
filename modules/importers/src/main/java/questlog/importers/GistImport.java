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
import questlog.common.PendingEvents;
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

    GistReport run(String markdown, boolean dryRun) {
        GistParser.Gist gist = parser.parse(markdown);
        try {
            return jdbi.inTransaction(h -> {
                GistReport report = new Run(h, gist, dryRun).execute();
                if (dryRun) {
                    throw new DryRun(report);
                }
                return report;
            });
        } catch (DryRun rolledBack) {
            return rolledBack.report;
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
        private final PendingEvents pending = new PendingEvents();
        private final List<Action> actions = new ArrayList<>();
        private final Map<String, FranchiseRef> franchises;
        private final Map<ExternalKey, GameRef> byExternalId;
        private final Map<String, GameRef> bySlug;
        private final Map<String, List<GameRef>> byName;
        private final Set<String> importedRefs;
        private final Map<String, ListRef> listsBySlug;
        /** Games resolved by this run, by name: a game named twice is looked up (or created) once. */
        private final Map<String, GameRef> resolved = new HashMap<>();
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

        Run(Handle h, GistParser.Gist gist, boolean dryRun) {
            this.h = h;
            this.gist = gist;
            this.dryRun = dryRun;
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
            this.listsBySlug = new HashMap<>(listSlugs.isEmpty() ? Map.of() : lists.listsBySlug(h, listSlugs));
        }

        GistReport execute() {
            List<GameRef> itemGames = new ArrayList<>(gist.items().size());
            List<Action> skippedLines = gist.skipped().stream()
                    .map(s -> new Action(s.line(), "skipped", "line", s.text(), s.reason())).toList();
            skipped = skippedLines.size();
            for (GistItem item : gist.items()) {
                GameRef parent = item.parent() < 0 ? null : itemGames.get(item.parent());
                GameRef game = item.parent() >= 0 && parent == null ? null : game(item, parent);
                if (game == null && item.parent() >= 0 && parent == null) {
                    skip(item, "its parent item was skipped");
                }
                itemGames.add(game);
                if (game == null) {
                    continue;
                }
                if (item.section().isList()) {
                    entry(item, game);
                } else {
                    playthrough(item, game);
                }
            }
            if (!playthroughs.isEmpty()) {
                journal.addImported(h, playthroughs, pending);
            }
            listAppends.forEach((listId, added) -> lists.append(h, listsById.get(listId), added, pending));
            if (!dryRun) {
                pending.appendTo(events, h);
            }
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

        /** The item's game: found by Steam id, slug or exact name (or earlier in this run), else created; null when skipped. */
        private GameRef game(GistItem item, GameRef parent) {
            if (item.link() != null && byExternalId.containsKey(item.link())) {
                return matched(item, byExternalId.get(item.link()), "by its " + item.link().source() + " id "
                        + item.link().externalId());
            }
            if (item.name() == null) {
                skip(item, "a bare link to " + item.link().source() + " app " + item.link().externalId()
                        + ", which no game in the library has");
                return null;
            }
            GameRef known = resolved.get(item.name());
            if (known != null) {
                return known;
            }
            GameRef bySlugMatch = bySlug.get(Slugs.slugify(item.name(), "game"));
            if (bySlugMatch != null) {
                return remember(item, matched(item, bySlugMatch, "by slug"));
            }
            List<GameRef> named = byName.getOrDefault(item.name(), List.of());
            if (named.size() > 1) {
                skip(item, named.size() + " games are named '" + item.name() + "' ("
                        + String.join(", ", named.stream().map(GameRef::slug).toList()) + "): link one by its Steam page");
                return null;
            }
            if (named.size() == 1) {
                return remember(item, matched(item, named.getFirst(), "by name"));
            }
            return remember(item, create(item, parent));
        }

        private GameRef remember(GistItem item, GameRef game) {
            resolved.put(item.name(), game);
            return game;
        }

        private GameRef matched(GistItem item, GameRef game, String how) {
            if (matchedGames.add(game.id())) {
                actions.add(new Action(item.line(), "matched", "game", game.name(), game.slug() + ", " + how));
            }
            return game;
        }

        private GameRef create(GistItem item, GameRef parent) {
            String franchise = parent == null ? franchise(item) : null;
            var request = new CatalogWrites.NewGame(item.name(), franchise, parent == null ? null : parent.slug(),
                    parent == null ? null : "expansion", item.link() == null ? List.of() : List.of(item.link()));
            GameRef game = catalog.createGame(h, request, pending);
            createdGames.add(game.id());
            actions.add(new Action(item.line(), "created", "game", game.name(), game.slug()
                    + (franchise != null ? ", franchise " + franchise : "")
                    + (parent != null ? ", expansion of " + parent.slug() : "")));
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
