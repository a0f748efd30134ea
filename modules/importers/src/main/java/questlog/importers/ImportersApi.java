package questlog.importers;

import java.util.List;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The importers' routes as the OpenAPI document describes them. */
final class ImportersApi {
    private ImportersApi() {}

    static List<ApiOperation> operations() {
        return List.of(ApiOperation.post("/api/import/gist", "Import a Markdown gist of played games",
                        ApiResponse.ok(GistReport.class))
                .withDescription("""
                        The body is the gist's Markdown (CommonMark, UTF-8). Series headings (`## Final Fantasy`) \
                        become franchises; each bullet item is a game (found by a Steam store link's app id, by slug \
                        or by exact name, else created) with one playthrough in the status its heading implies \
                        (completed unless a heading says abandoned, on hold, playing or backlog; imported completions \
                        carry no date), the platform and notes written after the name in parentheses or after a \
                        spaced dash; a nested item is an expansion of the item above it; a numbered list is a ranked \
                        list named by its heading (a bullet list under a heading such as "Favourites" an unranked \
                        one), whose items become entries, not playthroughs. Everything is written in one \
                        transaction; each playthrough keeps its line's identity (section and text) in `source_ref`, \
                        so importing the same gist again creates nothing. Lines that cannot be understood are \
                        reported with their line number as `skipped` and nothing is guessed from them. \
                        `dry_run=true` answers the same report and writes nothing. With IGDB configured, names \
                        the library does not know are asked of IGDB (exact names; a single game matches by its \
                        igdb_id or is created with it). A client that sends `Accept: application/x-ndjson` gets \
                        lines instead: `{"progress": {"done", "total"}}` while the import runs, then \
                        `{"report": ...}` (this report), or `{"error": {"status", "detail"}}` if it failed.""")
                .withParams(ApiParam.query("dry_run", Boolean.class, "Report what would be created, matched or skipped, without writing"))
                .withBody(ApiBody.raw("text/markdown"))
                .withProblems(413)
                .withTag("Import and export"),
                ApiOperation.post("/api/import/questlog", "Copy records of the original Questlog, keeping their ids",
                                ApiResponse.ok(CopyReport.class))
                        .withDescription("""
                                What `questlog import questlog URL` sends: franchises, genres, works with their \
                                editions, and lists with their entries and activity, in the shapes of the original's \
                                read API (every section optional). Everything is written in one transaction keeping \
                                the ids: a new id is created, an existing one overwritten with these fields when they \
                                differ (fields the original does not have, such as IGDB data, stay), an identical one \
                                left alone, so sending the same records twice changes nothing. A copied list has \
                                exactly the entries and the history (activity, sent newest first as the original \
                                serves it) given. A slug or external id held by another record here, an entry whose \
                                work is neither here nor in the body, or a broken rule is a 422 naming the field, and \
                                nothing is written. `dry_run=true` checks and counts, then rolls back.""")
                        .withParams(ApiParam.query("dry_run", Boolean.class, "Check and count only"))
                        .withBody(CopyRequest.class)
                        .withProblems(413, 422)
                        .withTag("Import and export"));
    }
}
