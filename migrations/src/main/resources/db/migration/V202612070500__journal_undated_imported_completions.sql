-- An imported completion may be undated: a Markdown gist of finished games says that a game was
-- completed, rarely when, and the import stores what the source says rather than a made-up date.
-- Every other completed playthrough still needs its completed_at (the API checks it too).
-- Stats count undated completions in the totals and leave them out of the per-year and per-month series.
ALTER TABLE playthrough DROP CONSTRAINT playthrough_check1;
ALTER TABLE playthrough ADD CONSTRAINT playthrough_completed_has_date
    CHECK (status <> 'completed' OR completed_at IS NOT NULL OR source = 'import');
