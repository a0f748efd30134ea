package questlog.importers;

import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.CatalogWrites;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;
import questlog.common.GameLookup;
import questlog.common.JournalWrites;
import questlog.common.ListWrites;

/**
 * Importers of outside documents into the library, journal and lists, through their write
 * contracts (the module owns no table): the Markdown gist ({@code POST /api/import/gist}) and the
 * copy of a running original Questlog ({@code POST /api/import/questlog}).
 */
public final class ImportersModule implements FeatureModule {
    private final GistController gists;
    private final CopyController copies;

    public ImportersModule(Jdbi jdbi, ObjectMapper json, GameLookup games, CatalogWrites catalog, JournalWrites journal,
                           ListWrites lists, EventLog events) {
        this.gists = new GistController(new GistImport(jdbi, games, catalog, journal, lists, events), json);
        this.copies = new CopyController(new QuestlogCopy(jdbi, json, catalog, lists, events), json);
    }

    @Override
    public String name() {
        return "importers";
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            post("import/gist", gists::create, Access.WRITE);
            post("import/questlog", copies::create, Access.WRITE);
        };
    }

    @Override
    public List<ApiOperation> operations() {
        return ImportersApi.operations();
    }

    /** The events of what a gist import creates, recorded by the modules that write it and appended by the import. */
    @Override
    public List<String> eventTypes() {
        return List.of(EventTypes.GAME_ADDED, EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_STARTED,
                EventTypes.PLAYTHROUGH_COMPLETE, EventTypes.GAME_UPDATED, EventTypes.LIST_UPDATED);
    }
}
