package questlog.importers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What a gist import did, or would do in a dry run: counts, then one line per thing created,
 * matched, already there (unchanged) or skipped, in the order of the gist.
 */
record GistReport(
        @JsonPropertyDescription("True when nothing was written (dry_run=true)") boolean dryRun,
        @JsonPropertyDescription("List items understood") int items,
        @JsonPropertyDescription("What was (or would be) created") Counts created,
        @JsonPropertyDescription("What already existed and was used: franchises, games and lists") Counts matched,
        @JsonPropertyDescription("Playthroughs and list entries of lines imported before: left as they are") Counts unchanged,
        @JsonPropertyDescription("Lines not understood, skipped") int skipped,
        @JsonPropertyDescription("Every action, by line") List<Action> actions) {

    record Counts(int franchises, int games, int playthroughs, int lists, int listEntries) {}

    /**
     * One thing the import did at a line of the gist.
     *
     * @param action created, matched, unchanged or skipped
     * @param kind   franchise, game, playthrough, list, list_entry, or line (a skipped line)
     */
    record Action(int line, String action, String kind, String name, String detail) {}
}
