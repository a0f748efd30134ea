package questlog.library;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Receives the top-level members of one dataset document as the import body streams past. The
 * library's reader takes its own sections; app's importer supplies one that also hands the
 * journal's and the lists' sections to those modules ({@link DatasetLoader#newDocument}).
 */
public interface DatasetMembers {

    /** Reads one member's value; the parser is on its first token and must be left on its last. */
    void member(String key, JsonParser parser) throws IOException;

    /** True once the document is known to be of another format or version: reading on is pointless. */
    boolean headerRejected();
}
