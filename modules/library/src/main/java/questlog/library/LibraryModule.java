package questlog.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import java.io.InputStream;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

public final class LibraryModule {
    private final GameDirectory directory = new GameDirectory();

    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock) {}

    /** Read-only game and edition lookups, for app to hand to the other modules. */
    public GameDirectory directory() {
        return directory;
    }

    public EndpointGroup routes() {
        return () -> {};
    }

    public record Report(boolean ok) {}

    public Report importDataset(InputStream in, boolean dryRun) {
        return new Report(false);
    }
}
