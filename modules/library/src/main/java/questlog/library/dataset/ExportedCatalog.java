package questlog.library.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jdbi.v3.core.Handle;
import questlog.common.dataset.ExportRows;

/**
 * The catalog sections in Questlog's own format ({@code questlog-export}): every column of
 * every catalog table, as stored (nulls as null, platforms in their stored order, IGDB data as
 * JSON, timestamps to the microsecond); references by slug, a game's genres sorted by slug.
 * Sections are ordered by slug, external ids by source and value. Streamed from cursors.
 */
final class ExportedCatalog {
    private ExportedCatalog() {}

    static void genres(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT g.id, g.slug, g.name, g.igdb_id, p.slug AS parent, g.created_at, g.updated_at
                FROM genre g LEFT JOIN genre p ON p.id = g.parent_id ORDER BY g.slug""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "slug");
            ExportRows.text(out, rs, "name");
            ExportRows.number(out, rs, "igdb_id");
            ExportRows.text(out, rs, "parent");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }

    static void franchises(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, "SELECT id, slug, name, created_at, updated_at FROM franchise ORDER BY slug", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "slug");
            ExportRows.text(out, rs, "name");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }

    static void games(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT g.id, g.slug, g.name, g.sort_name, f.slug AS franchise,
                       ARRAY(SELECT ge.slug FROM game_genre gg JOIN genre ge ON ge.id = gg.genre_id
                             WHERE gg.game_id = g.id ORDER BY ge.slug) AS genres,
                       parent.slug AS parent_game, g.relationship_type, pg.slug AS primary_genre,
                       g.original_release_year, g.summary, g.cover_url, g.platforms, g.igdb_id,
                       g.igdb_data::text AS igdb_data, g.last_synced_at, g.created_at, g.updated_at
                FROM game g
                LEFT JOIN franchise f ON f.id = g.franchise_id
                LEFT JOIN game parent ON parent.id = g.parent_game_id
                LEFT JOIN genre pg ON pg.id = g.primary_genre_id
                ORDER BY g.slug""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "slug");
            ExportRows.text(out, rs, "name");
            ExportRows.text(out, rs, "sort_name");
            ExportRows.text(out, rs, "franchise");
            ExportRows.strings(out, rs, "genres");
            ExportRows.text(out, rs, "parent_game");
            ExportRows.text(out, rs, "relationship_type");
            ExportRows.text(out, rs, "primary_genre");
            ExportRows.number(out, rs, "original_release_year");
            ExportRows.text(out, rs, "summary");
            ExportRows.text(out, rs, "cover_url");
            ExportRows.strings(out, rs, "platforms");
            ExportRows.number(out, rs, "igdb_id");
            ExportRows.json(out, rs, "igdb_data");
            ExportRows.timestamp(out, rs, "last_synced_at");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }

    static void editions(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT e.id, e.slug, g.slug AS game, e.name, e.edition_type, e.platforms, e.release_date, e.cover_url,
                       e.summary, e.igdb_id, e.twitch_category_id, e.igdb_data::text AS igdb_data, e.last_synced_at,
                       e.created_at, e.updated_at
                FROM edition e JOIN game g ON g.id = e.game_id
                ORDER BY e.slug""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "slug");
            ExportRows.text(out, rs, "game");
            ExportRows.text(out, rs, "name");
            ExportRows.text(out, rs, "edition_type");
            ExportRows.strings(out, rs, "platforms");
            ExportRows.date(out, rs, "release_date");
            ExportRows.text(out, rs, "cover_url");
            ExportRows.text(out, rs, "summary");
            ExportRows.number(out, rs, "igdb_id");
            ExportRows.text(out, rs, "twitch_category_id");
            ExportRows.json(out, rs, "igdb_data");
            ExportRows.timestamp(out, rs, "last_synced_at");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }

    static void externalIds(Handle h, JsonGenerator out, int fetchSize) throws IOException {
        ExportRows.stream(h, """
                SELECT x.id, x.source, x.external_id, g.slug AS game, e.slug AS edition, x.created_at, x.updated_at
                FROM external_id x LEFT JOIN game g ON g.id = x.game_id LEFT JOIN edition e ON e.id = x.edition_id
                ORDER BY x.source, x.external_id""", fetchSize, rs -> {
            out.writeStartObject();
            ExportRows.text(out, rs, "id");
            ExportRows.text(out, rs, "source");
            ExportRows.text(out, rs, "external_id");
            ExportRows.text(out, rs, "game");
            ExportRows.text(out, rs, "edition");
            ExportRows.timestamp(out, rs, "created_at");
            ExportRows.timestamp(out, rs, "updated_at");
            out.writeEndObject();
        });
    }
}
