package questlog.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import questlog.common.EventLog;
import questlog.common.PendingEvents;
import questlog.common.SourcedPlaytime;

/**
 * {@link SourcedPlaytime} over the playthrough table: one playthrough per {@code (source,
 * source_ref)} (a unique index), created or brought up to date in the caller's transaction. Only
 * the playtime, and a {@code planned} status once the game has been played, are ever changed;
 * the user's own fields and playthroughs stay as they are.
 */
final class SourcedPlaytimeRecorder implements SourcedPlaytime {
    private final PlaythroughService service;
    private final Clock clock;
    private final EventLog events;

    SourcedPlaytimeRecorder(PlaythroughService service, Clock clock, EventLog events) {
        this.service = service;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Recorded record(Handle tx, String source, String platform, List<Play> plays) {
        if (plays.isEmpty()) {
            return new Recorded(Map.of(), PendingEvents.NONE);
        }
        PlaythroughSource from = PlaythroughSource.of(source);
        Instant now = clock.instant();
        PlaythroughDao dao = tx.attach(PlaythroughDao.class);
        Map<String, Playthrough> existing = dao.lockBySourceRefs(from.value(),
                        plays.stream().map(Play::sourceRef).toArray(String[]::new)).stream()
                .collect(Collectors.toMap(Playthrough::sourceRef, Function.identity()));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<Playthrough> changed = new ArrayList<>();
        List<PlaythroughStatus> before = new ArrayList<>();
        for (Play play : plays) {
            Playthrough current = existing.get(play.sourceRef());
            if (current == null) {
                PlaythroughValues values = new PlaythroughValues(null, platform, firstStatus(play), null, null,
                        play.minutes(), null, null, null, from, play.sourceRef());
                changed.add(dao.insert(null, play.gameId(), values, now));
                before.add(null);
                outcomes.put(play.sourceRef(), Outcome.CREATED);
                continue;
            }
            PlaythroughValues values = current.values();
            PlaythroughStatus status = values.status() == PlaythroughStatus.PLANNED && play.minutes() > 0
                    ? firstStatus(play) : values.status();
            if (Objects.equals(values.playtimeMinutes(), play.minutes()) && status == values.status()) {
                outcomes.put(play.sourceRef(), Outcome.UNCHANGED);
                continue;
            }
            changed.add(dao.update(current.id(), new PlaythroughValues(values.editionId(), values.platform(), status,
                    values.startedAt(), values.completedAt(), play.minutes(), values.rating(), values.completion(),
                    values.notes(), values.source(), values.sourceRef()), now));
            before.add(values.status());
            outcomes.put(play.sourceRef(), Outcome.UPDATED);
        }
        // The caller appends these last: one statement per type, in the order of the plays.
        List<PlaythroughResponse> responses = service.responses(tx, changed);
        Map<String, List<PlaythroughEvent>> byType = new LinkedHashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            PlaythroughResponse response = responses.get(i);
            byType.computeIfAbsent(PlaythroughService.eventType(before.get(i), response.status()), k -> new ArrayList<>())
                    .add(PlaythroughEvent.of(response));
        }
        return new Recorded(outcomes, h -> byType.forEach((type, payloads) -> events.appendAll(h, type, payloads)));
    }

    /** Never played: the backlog. Played in the last while: playing. Played before: paused. */
    private static PlaythroughStatus firstStatus(Play play) {
        if (play.minutes() == 0) {
            return PlaythroughStatus.PLANNED;
        }
        return play.recent() ? PlaythroughStatus.PLAYING : PlaythroughStatus.PAUSED;
    }
}
