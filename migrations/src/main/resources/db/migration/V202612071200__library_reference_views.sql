-- The library's published read relations: what another module may join in its own reads, so that
-- a page of its rows comes with the names of their games and editions in the same statement
-- (one round trip) instead of a second lookup through GameLookup. Other modules read games and
-- editions only through these views (or GameLookup), never the tables: the library may change its
-- tables as long as the views keep these columns. PostgreSQL inlines a view, so a join through it
-- costs what a join of the table costs.
CREATE VIEW game_ref AS
    SELECT id, slug, name FROM game;

CREATE VIEW edition_ref AS
    SELECT id, slug, name, game_id FROM edition;
