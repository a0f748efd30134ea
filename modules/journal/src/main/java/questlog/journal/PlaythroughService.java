package questlog.journal;

import questlog.common.Texts;
import questlog.common.GameLookup;
import questlog.common.Bodies;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FieldErrors;
import questlog.common.GameRemoval;
import questlog.common.JournalWrites;
import questlog.common.CollectedEvents;
import questlog.common.SqlStates;
import org.postgresql.util.PSQLException;

/**
 * Playthrough use cases. Each runs in one transaction; rule violations throw a 422
 * {@link questlog.common.InvalidInputException} naming the field, before anything is written.
 * Each change records its event ({@link PlaythroughEvent}) last in its transaction.
 */
final class PlaythroughService {
    static final int MAX_PLAYTIME_MINUTES = 1_000_000;
    static final int MAX_PLATFORM = 100;
    static final int MAX_NOTES = 20_000;
    static final int MAX_SOURCE_REF = 500;
    static final int MIN_YEAR = 1950;
    static final int MAX_YEAR = 2200;
    /** The unique index on (source, source_ref) of playthroughs that have a source_ref. */
    private static final String SOURCE_REF_INDEX = "playthrough_source_ref_idx";

    private final Jdbi jdbi;
    private final Clock clock;
    private final GameLookup catalog;
    private final EventLog events;

    PlaythroughService(Jdbi jdbi, Clock clock, GameLookup catalog, EventLog events) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.catalog = catalog;
        this.events = events;
    }

    /** One page of playthroughs and how many match in all. */
    record Listing(List<PlaythroughResponse> items, long total) {}

    /** A write the stored data refuses, such as a source reference used twice. */
    static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message, null, false, false);
        }
    }

    Listing list(PlaythroughQuery query) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            UUID gameId = null;
            if (query.game() != null) {
                Optional<GameLookup.GameRef> game = catalog.game(h, query.game());
                if (game.isEmpty()) {
                    return new Listing(List.of(), 0);
                }
                gameId = game.get().id();
            }
            PlaythroughDao dao = h.attach(PlaythroughDao.class);
            long total = dao.count(query, gameId);
            List<Playthrough> rows = total == 0 ? List.of() : dao.search(query, gameId);
            return new Listing(responses(h, rows), total);
        });
    }

    /** The playthroughs of one game; empty when there is no such game. */
    Optional<Listing> listOfGame(String gameSlug, PlaythroughQuery query) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            Optional<GameLookup.GameRef> game = catalog.game(h, gameSlug);
            if (game.isEmpty()) {
                return Optional.empty();
            }
            PlaythroughDao dao = h.attach(PlaythroughDao.class);
            long total = dao.count(query, game.get().id());
            List<Playthrough> rows = total == 0 ? List.of() : dao.search(query, game.get().id());
            return Optional.of(new Listing(responses(h, rows), total));
        });
    }

    Optional<PlaythroughDetailResponse> get(UUID id) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h ->
                h.attach(PlaythroughDao.class).find(id).map(p -> PlaythroughDetailResponse.from(
                        responses(h, List.of(p)).getFirst(), h.attach(PlaySessionDao.class).ofPlaythrough(id))));
    }

    /** Adds a playthrough to a game; empty when there is no such game. */
    Optional<PlaythroughResponse> create(String gameSlug, Bodies.Read<UpdatePlaythroughRequest> body) {
        return jdbi.inTransaction(h -> {
            Optional<GameLookup.GameRef> game = catalog.game(h, gameSlug);
            if (game.isEmpty()) {
                return Optional.empty();
            }
            PlaythroughValues values = merge(h, game.get().id(), null, body);
            checkSourceRef(h, values, null);
            Playthrough created = sourceRefRace(values,
                    () -> h.attach(PlaythroughDao.class).insert(null, game.get().id(), values, clock.instant()));
            PlaythroughResponse response = responses(h, List.of(created)).getFirst();
            events.append(h, eventType(null, values.status()), PlaythroughEvent.of(response));
            return Optional.of(response);
        });
    }

    /** Those of {@code refs} already used by an imported playthrough. */
    Set<String> importedSourceRefs(Handle h, java.util.Collection<String> refs) {
        return new HashSet<>(h.createQuery("""
                        SELECT source_ref FROM playthrough WHERE source = 'import' AND source_ref = ANY(:refs)""")
                .bindArray("refs", String.class, refs)
                .mapTo(String.class)
                .list());
    }

    /**
     * Adds imported playthroughs on the caller's transaction (an import spanning modules); their
     * events go to {@code pending}, for the caller to append last. A completed one may come
     * without a date: the source did not say when, and no date is made up.
     */
    void addImported(Handle h, List<JournalWrites.ImportedPlaythrough> items, CollectedEvents pending) {
        int n = items.size();
        UUID[] games = new UUID[n];
        String[] platforms = new String[n];
        String[] statuses = new String[n];
        String[] notes = new String[n];
        String[] refs = new String[n];
        for (int i = 0; i < n; i++) {
            JournalWrites.ImportedPlaythrough item = items.get(i);
            games[i] = item.gameId();
            platforms[i] = Texts.orNull(item.platform());
            statuses[i] = PlaythroughStatus.of(item.status()).value();
            notes[i] = Texts.orNull(item.notes());
            refs[i] = Texts.orNull(item.sourceRef());
        }
        // Platforms by their keys, as every write path stores them
        Map<String, String> keys = h.attach(PlatformDao.class).keysFor(
                Arrays.stream(platforms).filter(Objects::nonNull).collect(Collectors.toSet()));
        for (int i = 0; i < n; i++) {
            platforms[i] = platforms[i] == null ? null : keys.get(platforms[i]);
        }
        // One statement for the lot: an import of a thousand lines is one round trip, not a thousand.
        List<Playthrough> rows = h.attach(PlaythroughDao.class)
                .insertImported(games, platforms, statuses, notes, refs, clock.instant());
        for (PlaythroughResponse response : responses(h, rows)) {
            pending.add(eventType(null, response.status()), PlaythroughEvent.of(response));
        }
    }

    /** Changes the fields present in the body; empty when there is no such playthrough. */
    Optional<PlaythroughResponse> update(UUID id, Bodies.Read<UpdatePlaythroughRequest> body) {
        return jdbi.inTransaction(h -> {
            PlaythroughDao dao = h.attach(PlaythroughDao.class);
            Optional<Playthrough> current = dao.lock(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            PlaythroughValues values = merge(h, current.get().gameId(), current.get().values(), body);
            checkSourceRef(h, values, id);
            Playthrough updated = sourceRefRace(values, () -> dao.update(id, values, clock.instant()));
            PlaythroughResponse response = responses(h, List.of(updated)).getFirst();
            events.append(h, eventType(PlaythroughStatus.of(current.get().status()), values.status()),
                    PlaythroughEvent.of(response));
            return Optional.of(response);
        });
    }

    boolean delete(UUID id) {
        return jdbi.inTransaction(h -> {
            PlaythroughDao dao = h.attach(PlaythroughDao.class);
            Optional<Playthrough> current = dao.lock(id);
            if (current.isEmpty()) {
                return false;
            }
            PlaythroughResponse before = responses(h, List.of(current.get())).getFirst();
            dao.delete(id);
            events.append(h, EventTypes.PLAYTHROUGH_UPDATED, PlaythroughEvent.removed(before));
            return true;
        });
    }

    /**
     * Deletes the playthroughs of a game leaving the library, in the library's delete transaction
     * ({@link GameRemoval}); one {@code playthrough_updated} with {@code deleted} true each, by id,
     * for the library to append last.
     */
    List<GameRemoval.Event> removeGame(Handle h, GameLookup.GameRef game) {
        List<Playthrough> removed = new ArrayList<>(h.attach(PlaythroughDao.class).deleteOfGame(game.id()));
        removed.sort(java.util.Comparator.comparing(Playthrough::id));
        return responses(h, removed).stream()
                .map(p -> new GameRemoval.Event(EventTypes.PLAYTHROUGH_UPDATED, PlaythroughEvent.removed(p)))
                .toList();
    }

    /**
     * {@code playthrough_started} when a playthrough is created as or becomes playing,
     * {@code playthrough_complete} when created as or becoming completed; otherwise
     * {@code playthrough_added} for a new one (planned, paused or abandoned) and
     * {@code playthrough_updated} for a change. {@code before} is null for a new playthrough.
     */
    static String eventType(PlaythroughStatus before, PlaythroughStatus after) {
        if (after == before) {
            return EventTypes.PLAYTHROUGH_UPDATED;
        }
        return switch (after) {
            case PLAYING -> EventTypes.PLAYTHROUGH_STARTED;
            case COMPLETED -> EventTypes.PLAYTHROUGH_COMPLETE;
            default -> before == null ? EventTypes.PLAYTHROUGH_ADDED : EventTypes.PLAYTHROUGH_UPDATED;
        };
    }

    /** One session of a playthrough; empty when there is no such playthrough or session. */
    Optional<PlaySessionResponse> session(UUID playthroughId, UUID sessionId) {
        return jdbi.withExtension(PlaySessionDao.class, dao -> dao.find(playthroughId, sessionId))
                .map(PlaySessionResponse::from);
    }

    /** Logs a session and counts it into the playthrough's playtime; empty when there is no such playthrough. */
    Optional<PlaySessionResponse> addSession(UUID playthroughId, CreateSessionRequest request) {
        FieldErrors errors = new FieldErrors();
        Integer minutes = request.minutes();
        if (minutes == null) {
            errors.add("minutes", "is required");
        } else if (minutes < 1 || minutes > 1440) {
            errors.add("minutes", "must be between 1 and 1440");
        }
        String note = Texts.orNull(request.note());
        errors.check(note == null || note.length() <= MAX_NOTES, "note", "must be at most " + MAX_NOTES + " characters");
        checkYear(errors, "started_at", request.startedAt());
        return jdbi.inTransaction(h -> {
            Optional<Playthrough> playthrough = h.attach(PlaythroughDao.class).lock(playthroughId);
            if (playthrough.isEmpty()) {
                return Optional.empty();
            }
            errors.throwIfUnprocessable();
            Instant now = clock.instant();
            Instant startedAt = request.startedAt() == null ? now : request.startedAt();
            PlaySessionDao sessions = h.attach(PlaySessionDao.class);
            PlaySession session = sessions.insert(playthroughId, startedAt, minutes, note, now);
            sessions.changeTotals(playthroughId, minutes, 1, now);
            recordTotals(h, playthroughId);
            return Optional.of(PlaySessionResponse.from(session));
        });
    }

    /**
     * Changes the fields of a session present in the body and its playthrough's totals; empty when
     * there is no such playthrough, or the session is not one of its sessions.
     */
    Optional<PlaySessionResponse> updateSession(UUID playthroughId, UUID sessionId, Bodies.Read<UpdateSessionRequest> body) {
        UpdateSessionRequest r = body.value();
        FieldErrors errors = new FieldErrors();
        if (body.has("minutes")) {
            if (r.minutes() == null) {
                errors.add("minutes", "cannot be cleared; send a whole number between 1 and 1440");
            } else if (r.minutes() < 1 || r.minutes() > 1440) {
                errors.add("minutes", "must be between 1 and 1440");
            }
        }
        if (body.has("started_at") && r.startedAt() == null) {
            errors.add("started_at", "cannot be cleared; send a time");
        }
        checkYear(errors, "started_at", r.startedAt());
        String newNote = Texts.orNull(r.note());
        errors.check(newNote == null || newNote.length() <= MAX_NOTES, "note", "must be at most " + MAX_NOTES + " characters");
        return jdbi.inTransaction(h -> {
            if (h.attach(PlaythroughDao.class).lock(playthroughId).isEmpty()) {
                return Optional.empty();
            }
            PlaySessionDao sessions = h.attach(PlaySessionDao.class);
            Optional<PlaySession> current = sessions.find(playthroughId, sessionId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            errors.throwIfUnprocessable();
            PlaySession before = current.get();
            Instant now = clock.instant();
            int minutes = body.has("minutes") ? r.minutes() : before.minutes();
            PlaySession after = sessions.update(playthroughId, sessionId,
                    body.has("started_at") ? r.startedAt() : before.startedAt(), minutes,
                    body.has("note") ? newNote : before.note(), now);
            sessions.changeTotals(playthroughId, minutes - before.minutes(), 0, now);
            recordTotals(h, playthroughId);
            return Optional.of(PlaySessionResponse.from(after));
        });
    }

    /** Removes a session and takes it out of its playthrough's totals; false when there is no such session. */
    boolean deleteSession(UUID playthroughId, UUID sessionId) {
        return jdbi.inTransaction(h -> {
            if (h.attach(PlaythroughDao.class).lock(playthroughId).isEmpty()) {
                return false;
            }
            PlaySessionDao sessions = h.attach(PlaySessionDao.class);
            Optional<PlaySession> removed = sessions.delete(playthroughId, sessionId);
            if (removed.isEmpty()) {
                return false;
            }
            sessions.changeTotals(playthroughId, -removed.get().minutes(), -1, clock.instant());
            recordTotals(h, playthroughId);
            return true;
        });
    }

    /** A session changed the playthrough's playtime: {@code playthrough_updated} with the new figures. */
    private void recordTotals(Handle h, UUID playthroughId) {
        Playthrough totals = h.attach(PlaythroughDao.class).find(playthroughId).orElseThrow();
        events.append(h, EventTypes.PLAYTHROUGH_UPDATED, PlaythroughEvent.of(responses(h, List.of(totals)).getFirst()));
    }

    /**
     * The values a create ({@code base} null) or an update leaves behind, checked against every
     * rule; all violations are reported together.
     */
    private PlaythroughValues merge(Handle h, UUID gameId, PlaythroughValues base, Bodies.Read<UpdatePlaythroughRequest> body) {
        boolean creating = base == null;
        UpdatePlaythroughRequest r = body.value();
        FieldErrors errors = new FieldErrors();

        UUID editionId = creating ? null : base.editionId();
        if (body.has("edition")) {
            String slug = Texts.orNull(r.edition());
            editionId = null;
            if (slug != null) {
                Optional<GameLookup.EditionRef> edition = catalog.edition(h, slug);
                if (edition.isEmpty()) {
                    errors.add("edition", "no edition has the slug '" + slug + "'");
                } else if (!edition.get().gameId().equals(gameId)) {
                    errors.add("edition", "'" + slug + "' is an edition of another game");
                } else {
                    editionId = edition.get().id();
                }
            }
        }

        String platform = creating ? null : base.platform();
        if (body.has("platform")) {
            // Any spelling of a platform is stored as its one key ("PS4", "ps4", "PlayStation 4": ps4).
            String name = Texts.orNull(r.platform());
            if (name != null && name.length() > MAX_PLATFORM) {
                errors.add("platform", "must be at most " + MAX_PLATFORM + " characters");
                name = null;
            }
            platform = name == null ? null : h.attach(PlatformDao.class).keyFor(name);
        }

        LocalDate startedAt = body.has("started_at") ? r.startedAt() : creating ? null : base.startedAt();
        LocalDate completedAt = body.has("completed_at") ? r.completedAt() : creating ? null : base.completedAt();
        checkYear(errors, "started_at", startedAt);
        checkYear(errors, "completed_at", completedAt);

        PlaythroughStatus given = body.has("status") ? r.status() : null;
        if (body.has("status") && r.status() == null && !creating) {
            errors.add("status", "cannot be cleared; use one of planned, playing, paused, completed, abandoned");
        }
        PlaythroughStatus status = creating ? StatusRule.ofNew(given, startedAt, completedAt)
                : StatusRule.afterChange(base.status(), given, body.has("started_at") ? startedAt : null,
                        body.has("completed_at") ? completedAt : null);

        Integer playtime = creating ? null : base.playtimeMinutes();
        if (body.has("playtime_minutes")) {
            playtime = r.playtimeMinutes();
            if (playtime != null && (playtime < 0 || playtime > MAX_PLAYTIME_MINUTES)) {
                errors.add("playtime_minutes", "must be between 0 and " + MAX_PLAYTIME_MINUTES);
            }
            if (body.has("playtime_hours") && !sameAmount(r.playtimeMinutes(), r.playtimeHours())) {
                errors.add("playtime_hours", "give playtime_minutes or playtime_hours, not both (or the same amount)");
            }
        } else if (body.has("playtime_hours")) {
            BigDecimal hours = r.playtimeHours();
            if (hours == null) {
                playtime = null;
            } else if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(MAX_PLAYTIME_MINUTES / 60)) > 0) {
                errors.add("playtime_hours", "must be between 0 and " + MAX_PLAYTIME_MINUTES / 60);
            } else if (!Playtime.isWholeMinutes(hours)) {
                // Playtime is kept in minutes: hours that are not a whole number of them would be stored rounded.
                errors.add("playtime_hours", "must come to a whole number of minutes (" + hours.toPlainString()
                        + " h is " + hours.multiply(BigDecimal.valueOf(60)).stripTrailingZeros().toPlainString()
                        + " minutes); send playtime_minutes instead");
            } else {
                playtime = (int) Playtime.minutes(hours);
            }
        }

        Integer rating = body.has("rating") ? r.rating() : creating ? null : base.rating();
        errors.check(rating == null || (rating >= 1 && rating <= 10), "rating", "must be between 1 and 10");

        Completion completion = body.has("completion") ? r.completion() : creating ? null : base.completion();
        String notes = body.has("notes") ? Texts.orNull(r.notes()) : creating ? null : base.notes();
        errors.check(notes == null || notes.length() <= MAX_NOTES, "notes", "must be at most " + MAX_NOTES + " characters");

        PlaythroughSource source = creating ? PlaythroughSource.MANUAL : base.source();
        if (body.has("source")) {
            if (r.source() == null) {
                errors.check(creating, "source", "cannot be cleared; use one of manual, steam, import");
            } else {
                source = r.source();
            }
        }
        String sourceRef = body.has("source_ref") ? Texts.orNull(r.sourceRef()) : creating ? null : base.sourceRef();
        errors.check(sourceRef == null || sourceRef.length() <= MAX_SOURCE_REF, "source_ref",
                "must be at most " + MAX_SOURCE_REF + " characters");

        if (startedAt != null && completedAt != null && completedAt.isBefore(startedAt)) {
            errors.add("completed_at", "must not be before started_at (" + startedAt + ")");
        }
        // An imported completion may be undated (the source did not say when); any other needs its date.
        if (status == PlaythroughStatus.COMPLETED && completedAt == null && source != PlaythroughSource.IMPORT) {
            errors.add("completed_at", creating || given != null ? "is required when the status is completed"
                    : "cannot be cleared on a completed run without a new status; send status too");
        }
        errors.throwIfUnprocessable();
        return new PlaythroughValues(editionId, platform, status, startedAt, completedAt, playtime, rating, completion,
                notes, source, sourceRef);
    }

    /** True when both are null, or the hours are the minutes as the API shows them (one decimal). */
    private static boolean sameAmount(Integer minutes, BigDecimal hours) {
        if (minutes == null || hours == null) {
            return minutes == null && hours == null;
        }
        return Playtime.minutes(hours) == minutes || Playtime.hours(minutes).compareTo(hours) == 0;
    }

    private static void checkYear(FieldErrors errors, String field, LocalDate date) {
        if (date != null && (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR)) {
            errors.add(field, "must be a date between " + MIN_YEAR + " and " + MAX_YEAR);
        }
    }

    /** A session's time, in UTC, within the same years as a playthrough's dates. */
    private static void checkYear(FieldErrors errors, String field, Instant time) {
        if (time != null) {
            int year = time.atZone(java.time.ZoneOffset.UTC).getYear();
            if (year < MIN_YEAR || year > MAX_YEAR) {
                errors.add(field, "must be a time between " + MIN_YEAR + " and " + MAX_YEAR + " (UTC)");
            }
        }
    }

    private void checkSourceRef(Handle h, PlaythroughValues values, UUID id) {
        if (values.sourceRef() != null && h.attach(PlaythroughDao.class).sourceRefTaken(values.sourceValue(),
                values.sourceRef(), id == null ? new UUID(0, 0) : id)) {
            throw sourceRefTaken(values);
        }
    }

    private static ConflictException sourceRefTaken(PlaythroughValues values) {
        return new ConflictException("Another playthrough already has source " + values.sourceValue()
                + " with source_ref '" + values.sourceRef() + "'");
    }

    /**
     * The write of {@code values}, where a concurrent writer's playthrough with the same source
     * and source_ref (committed after {@link #checkSourceRef} looked, so caught by the unique
     * index) is the same 409 as one that was there before: the first writer wins.
     */
    private static Playthrough sourceRefRace(PlaythroughValues values, Supplier<Playthrough> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (SqlStates.exception(e).orElse(null) instanceof PSQLException psql
                    && SqlStates.UNIQUE_VIOLATION.equals(psql.getSQLState()) && psql.getServerErrorMessage() != null
                    && SOURCE_REF_INDEX.equals(psql.getServerErrorMessage().getConstraint())) {
                throw sourceRefTaken(values);
            }
            throw e;
        }
    }

    /** Rows to responses, with their games and editions looked up in two queries. */
    List<PlaythroughResponse> responses(Handle h, List<Playthrough> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<UUID> gameIds = new HashSet<>();
        Set<UUID> editionIds = new HashSet<>();
        for (Playthrough p : rows) {
            gameIds.add(p.gameId());
            if (p.editionId() != null) {
                editionIds.add(p.editionId());
            }
        }
        Map<UUID, GameLookup.GameRef> games = catalog.games(h, gameIds);
        Map<UUID, GameLookup.EditionRef> editions = editionIds.isEmpty() ? Map.of() : catalog.editions(h, editionIds);
        List<PlaythroughResponse> out = new ArrayList<>(rows.size());
        for (Playthrough p : rows) {
            GameLookup.GameRef game = Objects.requireNonNull(games.get(p.gameId()), "the catalog lost a game");
            out.add(PlaythroughResponse.from(p, game, p.editionId() == null ? null : editions.get(p.editionId())));
        }
        return out;
    }
}
