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
                        `dry_run=true` answers the same report and writes nothing.""")
                .withParams(ApiParam.query("dry_run", Boolean.class, "Report what would be created, matched or skipped, without writing"))
                .withBody(ApiBody.raw("text/markdown"))
                .withProblems(413)
                .withTag("Import and export"));
    }
}
