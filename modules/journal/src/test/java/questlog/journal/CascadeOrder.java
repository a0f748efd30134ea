package questlog.journal;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Which of a game's delete cascades PostgreSQL runs first. They run in the order of their foreign
 * keys' internal triggers, by name ("RI_ConstraintTrigger_a_" and an OID, compared as text), so the
 * order differs between databases; a test forces one by adding the keys back one after the other.
 */
final class CascadeOrder {
    private CascadeOrder() {}

    /**
     * Drops and adds back, with the same definition, the {@code <table>_game_id_fkey} of each table
     * in turn: each gets a newer OID than the one before, so their cascades run in that order.
     * Answers the order the game's delete cascades of those tables then have.
     */
    static List<String> force(Handle h, List<String> tables) {
        for (String table : tables) {
            String definition = h.createQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :name")
                    .bind("name", table + "_game_id_fkey").mapTo(String.class).one();
            h.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_game_id_fkey");
            h.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_game_id_fkey " + definition);
        }
        return h.createQuery("""
                SELECT c.conrelid::regclass::text FROM pg_trigger t JOIN pg_constraint c ON c.oid = t.tgconstraint
                WHERE t.tgrelid = 'game'::regclass AND t.tgfoid = 'pg_catalog."RI_FKey_cascade_del"'::regproc
                  AND c.conrelid::regclass::text IN (<tables>)
                ORDER BY t.tgname""").bindList("tables", tables).mapTo(String.class).list();
    }
}
