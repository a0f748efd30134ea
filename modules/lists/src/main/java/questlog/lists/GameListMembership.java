package questlog.lists;

import java.time.Instant;
import java.util.UUID;

/** A list a game is in, for the game detail: the list, and the game's place and notes in it. */
public record GameListMembership(UUID id, String slug, String name, boolean isRanked, boolean isPublic, Integer position,
                          String notes, Instant addedAt) {}
