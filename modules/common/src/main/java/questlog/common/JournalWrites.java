package questlog.common;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What an importer may ask of the journal on the caller's {@link Handle}, inside the caller's
 * transaction: which imported records it already has, and adding playthroughs with source
 * {@code import}. Answered by the journal module.
 */
public interface JournalWrites {

    /**
     * A playthrough of an imported line: {@code status} one of planned, playing, paused,
     * completed, abandoned (a completed one may have no date: the source did not say when);
     * {@code sourceRef} identifies the line so that importing it again adds nothing.
     */
    record ImportedPlaythrough(UUID gameId, String status, String platform, String notes, String sourceRef) {}

    /** Those of {@code sourceRefs} that a playthrough with source {@code import} already has. */
    Set<String> importedSourceRefs(Handle handle, Collection<String> sourceRefs);

    /** Adds the playthroughs; their events go to {@code events}, for the caller to append last. */
    void addImported(Handle handle, List<ImportedPlaythrough> playthroughs, CollectedEvents events);
}
