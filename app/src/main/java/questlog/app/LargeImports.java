package questlog.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import questlog.common.dataset.ImportReport;

/**
 * A large import holds the whole document's records for a moment (tens of MB for a full
 * library); afterwards the server mostly idles. A few full collections then let the heap shrink
 * back (with SerialGC and MaxHeapFreeRatio, as the Dockerfile and benchmark run it) instead of
 * keeping the import's peak resident. Imports are rare, so the pause does not matter.
 */
final class LargeImports {
    private static final int LARGE_IMPORT_RECORDS = 10_000;

    private LargeImports() {}

    static void returnMemory(ImportReport report) {
        int records = report.sections().values().stream().mapToInt(ImportReport.SectionCounts::received).sum();
        if (records >= LARGE_IMPORT_RECORDS) {
            // A moment later, when the request is done and its document no longer reachable. Serial
            // GC gives back a growing share of free heap on consecutive full collections (0 %, 10 %,
            // 40 %, then all of it), hence four.
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 4; i++) {
                    System.gc();
                }
            }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
        }
    }
}
