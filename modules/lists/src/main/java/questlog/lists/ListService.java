package questlog.lists;

import questlog.common.SqlStates;
import questlog.common.Texts;
import questlog.common.GameLookup;
import questlog.common.ListWrites;
import questlog.common.CopyCounts;
import questlog.common.CollectedEvents;
import questlog.common.Bodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FieldErrors;
import questlog.common.GameRemoval;
import questlog.common.InvalidInputException;
import questlog.common.JdbcReads;
import questlog.common.Slugs;

/**
 * List use cases. Every change runs in one transaction that first locks the list row
 * ({@link ListDao#lock}), so concurrent writers of one list are applied one after the other:
 * two racing requests both succeed, in some order, each seeing the other's result (a 409 only
 * for a real conflict, such as adding a game the other just added). Ranked positions stay 1..n
 * after every operation, and each change appends its {@code list_activity} row in the same
 * transaction, then (last) a {@code questlog:list_updated} event with the list's slug, the same
 * verb and entries ({@link ListEvent}); deleting a list records the verb {@code deleted}. Private
 * lists record no events (the event stream is public), except the change that made a public list
 * private.
 * <p>
 * Activity metadata, enough to replay a list from its history (oldest first):
 * <ul>
 * <li>{@code created}: entries [], {@code {name, is_ranked, is_public}}</li>
 * <li>{@code added}: entries [slugs in the order they were inserted], {@code {positions: [...]}}:
 *     each was inserted at its position (null in unranked lists), moving later entries down</li>
 * <li>{@code removed}: entries [slug], {@code {position}}: later entries moved up (for a game
 *     deleted from the library: also {@code game_id} and {@code reason: "game_deleted"}; entries [] when
 *     the entry went by the database's cascade alone, which a trigger handles)</li>
 * <li>{@code reordered}: a move, entries [slug], {@code {from, to}}; or a whole new order,
 *     entries [every slug in the new order], {@code {previous: [slugs in the old order]}}</li>
 * <li>{@code updated}: {@code {changes: {field: {from, to}}}} for the list's own fields
 *     (entries []) or an entry's notes (entries [slug]); a list becoming ranked also carries
 *     {@code order}: the slugs in the positions 1..n they were given</li>
 * </ul>
 */
final class ListService {
    static final int MAX_NAME = 255;
    static final int MAX_TEXT = 20_000;
    static final int MAX_BULK = 5_000;
    private static final int ATTEMPTS = 3;

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final GameLookup catalog;
    private final EventLog events;
    /** Queues of writers per list (by slug hash); see {@link #write}. */
    private final ReentrantLock[] queues = new ReentrantLock[64];

    ListService(Jdbi jdbi, ObjectMapper json, Clock clock, GameLookup catalog, EventLog events) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.catalog = catalog;
        this.events = events;
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new ReentrantLock(true);
        }
    }

    /**
     * No list, entry or game answers to the name given. {@code error} is the original Questlog's
     * message for it; the message says more when there is more to say.
     */
    static final class NotFoundException extends RuntimeException {
        private final String error;

        NotFoundException(String error) {
            this(error, error);
        }

        NotFoundException(String error, String detail) {
            super(detail, null, false, false);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    /** The change contradicts stored data (a slug or an entry that already exists). */
    static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message, null, false, false);
        }
    }

    // ------------------------------------------------------------------ reads

    List<ListSummaryResponse> all(boolean withPrivate) {
        return jdbi.withHandle(h -> h.attach(ListDao.class).all(withPrivate).stream().map(ListSummaryResponse::from).toList());
    }

    /** One statement in autocommit ({@link ListReads#find}). */
    Optional<ListDetailResponse> detail(String slug, boolean withPrivate) {
        return jdbi.withHandle(h -> ListReads.find(h, slug, withPrivate));
    }

    Optional<List<ActivityResponse>> activity(String slug, boolean withPrivate, int limit) {
        return JdbcReads.inSnapshot(jdbi, h -> h.attach(ListDao.class).find(slug)
                .filter(l -> l.isPublic() || withPrivate)
                .map(l -> h.attach(ListActivityDao.class).newestFirst(l.id(), limit).stream()
                        .map(this::activityResponse).toList()));
    }

    /** One entry of a list the caller may see; not found: the list, or the game in it. */
    EntryResponse entry(String slug, String gameSlug, boolean withPrivate) {
        return JdbcReads.inSnapshot(jdbi, h -> {
            GameList list = h.attach(ListDao.class).find(slug).filter(l -> l.isPublic() || withPrivate)
                    .orElseThrow(ListService::listNotFound);
            GameLookup.GameRef game = catalog.game(h, gameSlug).orElseThrow(ListService::entryNotFound);
            ListEntry entry = h.attach(ListEntryDao.class).find(list.id(), game.id()).orElseThrow(ListService::entryNotFound);
            return EntryResponse.from(entry, game);
        });
    }


    // ------------------------------------------------------------------ lists

    ListDetailResponse create(CreateListRequest r) {
        FieldErrors errors = new FieldErrors();
        String name = Texts.orNull(r.name());
        if (name == null) {
            errors.add("name", "is required");
        } else {
            errors.check(name.length() <= MAX_NAME, "name", "must be at most " + MAX_NAME + " characters");
        }
        String slug = Texts.orNull(r.slug());
        errors.check(slug == null || Slugs.isValid(slug), "slug",
                "must be lowercase letters and digits in words joined by single hyphens, at most " + Slugs.MAX_LENGTH + " characters");
        String description = Texts.orNull(r.description());
        errors.check(description == null || description.length() <= MAX_TEXT, "description",
                "must be at most " + MAX_TEXT + " characters");
        errors.throwIfUnprocessable();
        boolean ranked = Boolean.TRUE.equals(r.isRanked());
        boolean isPublic = !Boolean.FALSE.equals(r.isPublic());
        return write(null, h -> {
            ListDao lists = h.attach(ListDao.class);
            lists.lockSlugs();
            String chosen = slug;
            if (chosen != null) {
                if (lists.slugTaken(chosen)) {
                    throw new ConflictException("A list with the slug '" + chosen + "' already exists");
                }
            } else {
                chosen = freeSlug(lists, Slugs.slugify(name, "list"));
            }
            Instant now = clock.instant();
            GameList list = lists.insert(null, chosen, name, description, ranked, isPublic, now);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", name);
            metadata.put("is_ranked", ranked);
            metadata.put("is_public", isPublic);
            log(h, list, now, "created", List.of(), metadata);
            return ListDetailResponse.from(list, List.of());
        });
    }

    ListDetailResponse update(String slug, Bodies.Read<UpdateListRequest> body) {
        UpdateListRequest r = body.value();
        return write(slug, h -> {
            ListDao lists = h.attach(ListDao.class);
            UUID id = lists.lock(slug).orElseThrow(ListService::listNotFound);
            GameList list = lists.get(id);
            FieldErrors errors = new FieldErrors();

            String name = list.name();
            if (body.has("name")) {
                name = Texts.orNull(r.name());
                if (name == null) {
                    errors.add("name", "cannot be cleared");
                } else {
                    errors.check(name.length() <= MAX_NAME, "name", "must be at most " + MAX_NAME + " characters");
                }
            }
            String newSlug = list.slug();
            if (body.has("slug")) {
                newSlug = Texts.orNull(r.slug());
                if (newSlug == null) {
                    errors.add("slug", "cannot be cleared");
                } else {
                    errors.check(Slugs.isValid(newSlug), "slug",
                            "must be lowercase letters and digits in words joined by single hyphens, at most " + Slugs.MAX_LENGTH + " characters");
                }
            }
            String description = list.description();
            if (body.has("description")) {
                description = Texts.orNull(r.description());
                errors.check(description == null || description.length() <= MAX_TEXT, "description",
                        "must be at most " + MAX_TEXT + " characters");
            }
            boolean ranked = list.isRanked();
            if (body.has("is_ranked")) {
                errors.check(r.isRanked() != null, "is_ranked", "cannot be cleared; use true or false");
                ranked = r.isRanked() == null ? ranked : r.isRanked();
            }
            boolean isPublic = list.isPublic();
            if (body.has("is_public")) {
                errors.check(r.isPublic() != null, "is_public", "cannot be cleared; use true or false");
                isPublic = r.isPublic() == null ? isPublic : r.isPublic();
            }
            errors.throwIfUnprocessable();

            if (!newSlug.equals(list.slug())) {
                lists.lockSlugs();
                if (lists.slugTaken(newSlug)) {
                    throw new ConflictException("A list with the slug '" + newSlug + "' already exists");
                }
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            change(changes, "name", list.name(), name);
            change(changes, "slug", list.slug(), newSlug);
            change(changes, "description", list.description(), description);
            change(changes, "is_ranked", list.isRanked(), ranked);
            change(changes, "is_public", list.isPublic(), isPublic);
            if (changes.isEmpty()) {
                return detail(h, list);
            }
            Instant now = clock.instant();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("changes", changes);
            ListEntryDao entries = h.attach(ListEntryDao.class);
            if (ranked && !list.isRanked()) {
                // Positions 1..n in the order the list was shown in until now.
                List<ListEntry> shown = entries.ofList(id);
                entries.setOrder(id, shown.stream().map(ListEntry::gameId).toList(), now);
                metadata.put("order", slugs(h, shown));
            } else if (!ranked && list.isRanked()) {
                entries.clearPositions(id, now);
            }
            lists.update(id, newSlug, name, description, ranked, isPublic, now);
            GameList after = lists.get(id);
            activity(h, id, now, "updated", List.of(), metadata);
            announce(h, after, list.isPublic() || after.isPublic(), "updated", List.of());
            return detail(h, after);
        });
    }

    void delete(String slug) {
        write(slug, h -> {
            ListDao lists = h.attach(ListDao.class);
            UUID id = lists.lock(slug).orElseThrow(ListService::listNotFound);
            GameList list = lists.get(id);
            lists.delete(id);
            announce(h, list, list.isPublic(), "deleted", List.of());
            return null;
        });
    }

    // ------------------------------------------------------------------ entries

    EntryResponse addEntry(String slug, AddEntryRequest r) {
        FieldErrors errors = new FieldErrors();
        String gameSlug = r.gameSlug();
        if (gameSlug == null) {
            errors.add("game", Texts.orNull(r.game()) != null && Texts.orNull(r.workSlug()) != null
                    ? "game and work_slug name different games" : "is required");
        }
        String notes = Texts.orNull(r.notes());
        errors.check(notes == null || notes.length() <= MAX_TEXT, "notes", "must be at most " + MAX_TEXT + " characters");
        return write(slug, h -> {
            GameList list = locked(h, slug);
            errors.throwIfUnprocessable();
            // As the original: an unknown game is a 404 "Work not found" (after an unknown list's 404).
            GameLookup.GameRef game = catalog.game(h, gameSlug).orElseThrow(() ->
                    new NotFoundException("Work not found", "Work not found: no game has the slug '" + gameSlug + "'"));
            ListEntryDao entries = h.attach(ListEntryDao.class);
            if (entries.find(list.id(), game.id()).isPresent()) {
                throw new ConflictException("'" + game.slug() + "' is already in this list");
            }
            Instant now = clock.instant();
            Integer position = null;
            if (list.isRanked()) {
                int n = list.entryCount();
                position = r.position() == null ? n + 1 : r.position();
                if (position < 1 || position > n + 1) {
                    throw InvalidInputException.of(422, "position", "must be between 1 and " + (n + 1));
                }
                entries.makeRoom(list.id(), position, now);
            }
            ListEntry entry = entries.insert(null, list.id(), game.id(), position, notes, now, now);
            h.attach(ListDao.class).touch(list.id(), now);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("positions", nullableList(position));
            log(h, list, now, "added", List.of(game.slug()), metadata);
            return EntryResponse.from(entry, game);
        });
    }

    /**
     * Adds many entries at once, as the original Questlog's bulk route: games already in the list
     * are skipped, unknown games reported, the rest added. In a ranked list entries are inserted
     * in order of their requested position (those without one last, in the order given), each at
     * its position clamped to 1..n+1.
     */
    BulkAddResponse bulkAdd(String slug, BulkAddRequest r) {
        if (r.entries() == null) {
            throw InvalidInputException.of(422, "entries", "is required");
        }
        if (r.entries().size() > MAX_BULK) {
            throw InvalidInputException.of(422, "entries", "at most " + MAX_BULK + " at once");
        }
        return write(slug, h -> {
            GameList list = locked(h, slug);
            List<AddEntryRequest> items = new ArrayList<>(r.entries());
            List<String> errors = new ArrayList<>();
            Set<String> wanted = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                AddEntryRequest item = items.get(i);
                if (item == null) {
                    errors.add("entries[" + i + "]: must be an object");
                } else if (item.gameSlug() != null) {
                    wanted.add(item.gameSlug());
                }
            }
            Map<String, GameLookup.GameRef> games = wanted.isEmpty() ? Map.of() : catalog.gamesBySlug(h, wanted);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) != null) {
                    order.add(i);
                }
            }
            if (list.isRanked()) {
                order.sort(Comparator.comparing((Integer i) -> items.get(i).position(), Comparator.nullsLast(Comparator.naturalOrder())));
            }
            ListEntryDao entries = h.attach(ListEntryDao.class);
            Set<UUID> present = new HashSet<>(entries.gameIds(list.id()));
            Instant now = clock.instant();
            int n = list.entryCount();
            int skipped = 0;
            List<String> added = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int i : order) {
                AddEntryRequest item = items.get(i);
                String gameSlug = item.gameSlug();
                if (gameSlug == null) {
                    errors.add("entries[" + i + "]: " + (Texts.orNull(item.game()) != null && Texts.orNull(item.workSlug()) != null
                            ? "game and work_slug name different games" : "game (or work_slug) is required"));
                    continue;
                }
                GameLookup.GameRef game = games.get(gameSlug);
                if (game == null) {
                    errors.add("Work not found: " + gameSlug);
                    continue;
                }
                if (present.contains(game.id())) {
                    skipped++;
                    continue;
                }
                String notes = Texts.orNull(item.notes());
                if (notes != null && notes.length() > MAX_TEXT) {
                    errors.add(gameSlug + ": notes must be at most " + MAX_TEXT + " characters");
                    continue;
                }
                Integer position = null;
                if (list.isRanked()) {
                    position = item.position() == null ? n + 1 : Math.max(1, Math.min(item.position(), n + 1));
                    entries.makeRoom(list.id(), position, now);
                }
                entries.insert(null, list.id(), game.id(), position, notes, now, now);
                present.add(game.id());
                n++;
                added.add(game.slug());
                positions.add(position);
            }
            if (!added.isEmpty()) {
                h.attach(ListDao.class).touch(list.id(), now);
                log(h, list, now, "added", added, Map.of("positions", positions));
            }
            return new BulkAddResponse(added.size(), skipped, errors);
        });
    }

    EntryResponse updateEntry(String slug, String gameSlug, Bodies.Read<UpdateEntryRequest> body) {
        UpdateEntryRequest r = body.value();
        return write(slug, h -> {
            GameList list = locked(h, slug);
            GameLookup.GameRef game = catalog.game(h, gameSlug).orElseThrow(ListService::entryNotFound);
            ListEntryDao entries = h.attach(ListEntryDao.class);
            ListEntry entry = entries.find(list.id(), game.id()).orElseThrow(ListService::entryNotFound);
            FieldErrors errors = new FieldErrors();
            Integer to = entry.position();
            if (body.has("position") && list.isRanked()) {
                if (r.position() == null) {
                    errors.add("position", "cannot be cleared in a ranked list");
                } else if (r.position() < 1 || r.position() > list.entryCount()) {
                    errors.add("position", "must be between 1 and " + list.entryCount());
                } else {
                    to = r.position();
                }
            }
            String notes = entry.notes();
            if (body.has("notes")) {
                notes = Texts.orNull(r.notes());
                errors.check(notes == null || notes.length() <= MAX_TEXT, "notes", "must be at most " + MAX_TEXT + " characters");
            }
            errors.throwIfUnprocessable();
            Instant now = clock.instant();
            boolean moved = !Objects.equals(to, entry.position());
            boolean renoted = !Objects.equals(notes, entry.notes());
            if (moved) {
                entries.move(list.id(), entry.id(), entry.position(), to, now);
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("from", entry.position());
                metadata.put("to", to);
                activity(h, list.id(), now, "reordered", List.of(game.slug()), metadata);
            }
            if (renoted) {
                entries.setNotes(entry.id(), notes, now);
                Map<String, Object> changes = new LinkedHashMap<>();
                change(changes, "notes", entry.notes(), notes);
                activity(h, list.id(), now, "updated", List.of(game.slug()), Map.of("changes", changes));
            }
            if (moved || renoted) {
                h.attach(ListDao.class).touch(list.id(), now);
            }
            // Events last, after every write of the transaction.
            if (moved) {
                announce(h, list, list.isPublic(), "reordered", List.of(game.slug()));
            }
            if (renoted) {
                announce(h, list, list.isPublic(), "updated", List.of(game.slug()));
            }
            return EntryResponse.from(entries.find(list.id(), game.id()).orElseThrow(), game);
        });
    }

    void removeEntry(String slug, String gameSlug) {
        write(slug, h -> {
            GameList list = locked(h, slug);
            GameLookup.GameRef game = catalog.game(h, gameSlug).orElseThrow(ListService::entryNotFound);
            ListEntryDao entries = h.attach(ListEntryDao.class);
            ListEntry entry = entries.find(list.id(), game.id()).orElseThrow(ListService::entryNotFound);
            Instant now = clock.instant();
            entries.delete(entry.id());
            if (entry.position() != null) {
                entries.closeGap(list.id(), entry.position(), now);
            }
            h.attach(ListDao.class).touch(list.id(), now);
            log(h, list, now, "removed", List.of(game.slug()), nullableMap("position", entry.position()));
            return null;
        });
    }

    /**
     * Takes a game leaving the library out of every list it is in, in the library's delete
     * transaction ({@link questlog.common.GameRemoval}): each list closes the gap and records
     * {@code removed} (entries [slug], {@code {position, game_id, reason: "game_deleted"}}); the
     * public ones' {@code list_updated} events are returned for the library to append last.
     */
    List<GameRemoval.Event> removeGame(Handle h, GameLookup.GameRef game) {
        List<GameRemoval.Event> events = new ArrayList<>();
        ListDao lists = h.attach(ListDao.class);
        ListEntryDao entries = h.attach(ListEntryDao.class);
        Instant now = clock.instant();
        for (UUID listId : lists.lockHaving(game.id())) {
            GameList list = lists.get(listId);
            Optional<ListEntry> entry = entries.find(listId, game.id());
            if (entry.isEmpty()) {
                continue;
            }
            entries.delete(entry.get().id());
            if (entry.get().position() != null) {
                entries.closeGap(listId, entry.get().position(), now);
            }
            lists.touch(listId, now);
            Map<String, Object> metadata = nullableMap("position", entry.get().position());
            metadata.put("game_id", game.id());
            metadata.put("reason", "game_deleted");
            activity(h, listId, now, "removed", List.of(game.slug()), metadata);
            if (list.isPublic()) {
                events.add(new GameRemoval.Event(EventTypes.LIST_UPDATED,
                        new ListEvent(list.slug(), "removed", List.of(game.slug()))));
            }
        }
        return events;
    }

    /** Replaces a ranked list's order: {@code order} names every entry's game exactly once. */
    ListDetailResponse setOrder(String slug, List<String> order) {
        return write(slug, h -> {
            GameList list = locked(h, slug);
            FieldErrors errors = new FieldErrors();
            if (!list.isRanked()) {
                throw InvalidInputException.of(422, "order", "only a ranked list has an order (make it ranked first)");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < order.size(); i++) {
                String s = order.get(i);
                if (s == null || s.isBlank()) {
                    errors.add("order[" + i + "]", "must be a game slug");
                } else if (!seen.add(s)) {
                    errors.add("order[" + i + "]", "'" + s + "' appears more than once");
                }
            }
            errors.throwIfUnprocessable();
            ListEntryDao entries = h.attach(ListEntryDao.class);
            List<ListEntry> current = entries.ofList(list.id());
            Set<UUID> inList = new HashSet<>();
            current.forEach(e -> inList.add(e.gameId()));
            Map<String, GameLookup.GameRef> games = order.isEmpty() ? Map.of() : catalog.gamesBySlug(h, order);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                GameLookup.GameRef game = games.get(order.get(i));
                if (game == null) {
                    errors.add("order[" + i + "]", "no game has the slug '" + order.get(i) + "'");
                } else if (!inList.contains(game.id())) {
                    errors.add("order[" + i + "]", "'" + order.get(i) + "' is not in this list");
                } else {
                    ids.add(game.id());
                }
            }
            if (errors.isEmpty() && ids.size() != current.size()) {
                Set<UUID> missing = new HashSet<>(inList);
                ids.forEach(missing::remove);
                List<String> names = catalog.games(h, missing).values().stream().map(GameLookup.GameRef::slug).sorted().toList();
                errors.add("order", "must name every entry of the list; missing: " + String.join(", ", names));
            }
            errors.throwIfUnprocessable();
            List<UUID> before = current.stream().map(ListEntry::gameId).toList();
            if (!before.equals(ids)) {
                Instant now = clock.instant();
                entries.setOrder(list.id(), ids, now);
                h.attach(ListDao.class).touch(list.id(), now);
                log(h, list, now, "reordered", List.copyOf(order), Map.of("previous", slugs(h, current)));
            }
            return detail(h, h.attach(ListDao.class).get(list.id()));
        });
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Runs a change to the list {@code slug} (null: a new list) in a transaction, again (up to 3
     * times) when PostgreSQL picked it as a deadlock victim. Changes to one list queue on an
     * in-process fair lock before they take a pooled connection, so a burst of writes to one list
     * waits in line instead of filling the pool with transactions that all wait for the same row
     * lock (which still decides the order, also across app instances).
     */
    private <T> T write(String slug, HandleCallback<T, RuntimeException> work) {
        ReentrantLock queue = slug == null ? null : queues[Math.floorMod(slug.hashCode(), queues.length)];
        if (queue != null) {
            queue.lock();
        }
        try {
            return inTransaction(work);
        } finally {
            if (queue != null) {
                queue.unlock();
            }
        }
    }

    private <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && SqlStates.isRetryable(e)) {
                    continue;
                }
                if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
                    throw new ConflictException("A game named in the request was removed from the library meanwhile");
                }
                throw e;
            }
        }
    }

    /** The lists with these slugs, by slug, on the caller's handle (an import spanning modules). */
    Map<String, ListWrites.ListRef> listsBySlug(Handle h, java.util.Collection<String> slugs) {
        Map<String, ListWrites.ListRef> bySlug = new LinkedHashMap<>();
        for (String slug : slugs) {
            h.attach(ListDao.class).find(slug).ifPresent(l ->
                    bySlug.put(slug, new ListWrites.ListRef(l.id(), l.slug(), l.name(), l.isRanked())));
        }
        return bySlug;
    }

    /**
     * Creates a public list on the caller's transaction; its history row now, its event to
     * {@code pending} (for the caller to append last).
     */
    ListWrites.ListRef createIn(Handle h, String name, String slug, boolean ranked, CollectedEvents pending) {
        ListDao lists = h.attach(ListDao.class);
        lists.lockSlugs();
        Instant now = clock.instant();
        GameList list = lists.insert(null, freeSlug(lists, slug), name, null, ranked, true, now);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("is_ranked", ranked);
        metadata.put("is_public", true);
        activity(h, list.id(), now, "created", List.of(), metadata);
        pending.add(EventTypes.LIST_UPDATED, new ListEvent(list.slug(), "created", List.of()));
        return new ListWrites.ListRef(list.id(), list.slug(), list.name(), ranked);
    }

    /**
     * Appends games at the end of a list on the caller's transaction, under the list's row lock;
     * games already in it are left where they are. One {@code added} history row; its event to
     * {@code pending} when the list is public.
     */
    void appendIn(Handle h, ListWrites.ListRef ref, List<GameLookup.GameRef> games, CollectedEvents pending) {
        GameList list = locked(h, ref.slug());
        ListEntryDao entries = h.attach(ListEntryDao.class);
        Set<UUID> present = new HashSet<>(entries.gameIds(list.id()));
        Instant now = clock.instant();
        int n = list.entryCount();
        List<String> added = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (GameLookup.GameRef game : games) {
            if (!present.add(game.id())) {
                continue;
            }
            Integer position = list.isRanked() ? ++n : null;
            entries.insert(null, list.id(), game.id(), position, null, now, now);
            added.add(game.slug());
            positions.add(position);
        }
        if (!added.isEmpty()) {
            h.attach(ListDao.class).touch(list.id(), now);
            activity(h, list.id(), now, "added", added, Map.of("positions", positions));
            if (list.isPublic()) {
                pending.add(EventTypes.LIST_UPDATED, new ListEvent(list.slug(), "added", added));
            }
        }
    }

    /**
     * Copies lists of another Questlog keeping their ids (see {@link ListWrites#copy}): each list
     * row, then exactly its entries, then exactly its history, each only when it differs. Entries
     * of an unranked list keep the order given (their added_at counts down from now).
     */
    CopyCounts copyIn(Handle h, List<ListWrites.CopiedList> lists, CollectedEvents pending) {
        Instant now = clock.instant();
        int created = 0;
        int updated = 0;
        for (ListWrites.CopiedList copy : lists) {
            Optional<Boolean> inserted = copyFailing("lists", () -> h.createQuery("""
                            INSERT INTO list AS t (id, slug, name, description, is_ranked, is_public, created_at, updated_at)
                            VALUES (:id, :slug, :name, :description, :ranked, true, :now, :now)
                            ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, name = excluded.name,
                                description = excluded.description, is_ranked = excluded.is_ranked, updated_at = :now
                            WHERE (t.slug, t.name, t.description, t.is_ranked)
                                  IS DISTINCT FROM (excluded.slug, excluded.name, excluded.description, excluded.is_ranked)
                            RETURNING (xmax = 0) AS inserted""")
                    .bind("id", copy.id()).bind("slug", copy.slug()).bind("name", copy.name())
                    .bind("description", Texts.orNull(copy.description())).bind("ranked", copy.ranked()).bind("now", now)
                    .mapTo(Boolean.class).findOne());
            GameList list = h.attach(ListDao.class).get(h.createQuery("SELECT id FROM list WHERE id = :id FOR UPDATE")
                    .bind("id", copy.id()).mapTo(UUID.class).one());
            boolean entriesChanged = copyEntries(h, list, copy.entries(), now);
            boolean historyChanged = copyHistory(h, list, copy.activity());
            if (inserted.orElse(false)) {
                created++;
            } else if (inserted.isPresent() || entriesChanged || historyChanged) {
                updated++;
            } else {
                continue;
            }
            if (list.isPublic()) {
                pending.add(EventTypes.LIST_UPDATED, new ListEvent(list.slug(), inserted.orElse(false) ? "created" : "updated",
                        List.of()));
            }
        }
        return new CopyCounts(created, updated, lists.size() - created - updated);
    }

    private boolean copyEntries(Handle h, GameList list, List<ListWrites.CopiedEntry> entries, Instant now) {
        record Row(UUID id, UUID gameId, Integer position, String notes) {}
        List<Row> current = h.createQuery("SELECT id, game_id, position, notes FROM list_entry e WHERE list_id = :list ORDER BY "
                        + ListEntryDao.DISPLAY_ORDER)
                .bind("list", list.id())
                .map((rs, ctx) -> new Row(rs.getObject("id", UUID.class), rs.getObject("game_id", UUID.class),
                        (Integer) rs.getObject("position"), rs.getString("notes")))
                .list();
        List<Row> wanted = entries.stream()
                .map(e -> new Row(e.id(), e.gameId(), list.isRanked() ? e.position() : null, Texts.orNull(e.notes())))
                .toList();
        if (current.equals(wanted)) {
            return false;
        }
        h.createUpdate("DELETE FROM list_entry WHERE list_id = :list")
                .bind("list", list.id()).execute();
        List<Instant> addedAt = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            addedAt.add(now.minusNanos(1000L * i)); // first shown is newest, as an unranked list shows it
        }
        copyFailing("lists", () -> h.createUpdate("""
                        INSERT INTO list_entry (id, list_id, game_id, position, notes, added_at, created_at, updated_at)
                        SELECT i, :list, g, p, n, a, :now, :now FROM unnest(:ids, :games, :positions, :notes, CAST(:added AS timestamptz[])) AS x(i, g, p, n, a)""")
                .bind("list", list.id())
                .bindArray("ids", UUID.class, wanted.stream().map(Row::id).toList())
                .bindArray("games", UUID.class, wanted.stream().map(Row::gameId).toList())
                .bindArray("positions", Integer.class, wanted.stream().map(Row::position).toList())
                .bindArray("notes", String.class, wanted.stream().map(Row::notes).toList())
                .bindArray("added", String.class, addedAt.stream().map(Instant::toString).toList())
                .bind("now", now)
                .execute());
        h.attach(ListDao.class).touch(list.id(), now);
        return true;
    }

    private boolean copyHistory(Handle h, GameList list, List<ListWrites.CopiedActivity> activity) {
        List<UUID> current = h.createQuery("SELECT id FROM list_activity WHERE list_id = :list ORDER BY seq")
                .bind("list", list.id()).mapTo(UUID.class).list();
        if (current.equals(activity.stream().map(ListWrites.CopiedActivity::id).toList())) {
            return false;
        }
        h.createUpdate("DELETE FROM list_activity WHERE list_id = :list").bind("list", list.id()).execute();
        for (ListWrites.CopiedActivity a : activity) {
            copyFailing("lists", () -> h.createUpdate("""
                            INSERT INTO list_activity (id, list_id, at, verb, entries, metadata)
                            VALUES (:id, :list, :at, :verb, :entries, CAST(:metadata AS jsonb))""")
                    .bind("id", a.id()).bind("list", list.id()).bind("at", a.at()).bind("verb", a.verb())
                    .bindArray("entries", String.class, a.entries()).bind("metadata", a.metadata())
                    .execute());
        }
        return true;
    }

    /** A statement of a copy; a value held by another record (23505) or a missing reference (23503) is a 422. */
    private static <T> T copyFailing(String section, java.util.function.Supplier<T> statement) {
        try {
            return statement.get();
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLException sql
                    && ("23505".equals(sql.getSQLState()) || "23503".equals(sql.getSQLState()) || "23514".equals(sql.getSQLState()))) {
                throw InvalidInputException.of(422, section, "the copy does not fit this server: "
                        + sql.getMessage().lines().skip(1).findFirst().orElse(sql.getMessage().lines().findFirst().orElse("")).strip());
            }
            throw e;
        }
    }

    /** The games a list holds. */
    Set<UUID> gameIds(Handle h, UUID listId) {
        return new HashSet<>(h.attach(ListEntryDao.class).gameIds(listId));
    }

    /** Locks the list (see {@link ListDao#lock}) and reads it afresh. */
    private static GameList locked(Handle h, String slug) {
        ListDao lists = h.attach(ListDao.class);
        return lists.get(lists.lock(slug).orElseThrow(ListService::listNotFound));
    }

    private ListDetailResponse detail(Handle h, GameList list) {
        return detail(h, list, h.attach(ListEntryDao.class).ofList(list.id()));
    }

    private ListDetailResponse detail(Handle h, GameList list, List<ListEntry> entries) {
        Map<UUID, GameLookup.GameRef> games = gamesOf(h, entries);
        return ListDetailResponse.from(list, entries.stream().map(e -> EntryResponse.from(e, games.get(e.gameId()))).toList());
    }

    private Map<UUID, GameLookup.GameRef> gamesOf(Handle h, List<ListEntry> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        Set<UUID> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.gameId()));
        return catalog.games(h, ids);
    }

    private List<String> slugs(Handle h, List<ListEntry> entries) {
        Map<UUID, GameLookup.GameRef> games = gamesOf(h, entries);
        return entries.stream().map(e -> games.get(e.gameId()).slug()).toList();
    }

    private static String freeSlug(ListDao lists, String base) {
        Set<String> taken = new HashSet<>(lists.slugsLike(base));
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = Slugs.withSuffix(base, n);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** The list_activity row of a change and then its event; the last statements of a write. */
    private void log(Handle h, GameList list, Instant at, String verb, List<String> entries, Map<String, Object> metadata) {
        activity(h, list.id(), at, verb, entries, metadata);
        announce(h, list, list.isPublic(), verb, entries);
    }

    /** Records {@code questlog:list_updated} when {@code visible}; append after the transaction's writes. */
    private void announce(Handle h, GameList list, boolean visible, String verb, List<String> entries) {
        if (visible) {
            events.append(h, EventTypes.LIST_UPDATED, new ListEvent(list.slug(), verb, entries));
        }
    }

    private void activity(Handle h, UUID listId, Instant at, String verb, List<String> entries, Map<String, Object> metadata) {
        try {
            h.attach(ListActivityDao.class).append(listId, at, verb, entries, json.writeValueAsString(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ActivityResponse activityResponse(ListActivity a) {
        try {
            return new ActivityResponse(a.id(), a.at(), a.verb(), a.entries(), json.readValue(a.metadata(), METADATA));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void change(Map<String, Object> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> fromTo = new LinkedHashMap<>();
            fromTo.put("from", from);
            fromTo.put("to", to);
            changes.put(field, fromTo);
        }
    }

    private static List<Integer> nullableList(Integer value) {
        List<Integer> list = new ArrayList<>(1);
        list.add(value);
        return list;
    }

    private static Map<String, Object> nullableMap(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    static NotFoundException listNotFound() {
        return new NotFoundException("List not found");
    }

    static NotFoundException entryNotFound() {
        return new NotFoundException("Entry not found");
    }
}
