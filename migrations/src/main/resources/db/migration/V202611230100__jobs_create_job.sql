-- Jobs: slow work (IGDB enrichment, Steam sync, profile syncs) as persistent background jobs.
--
-- Two tables, on purpose. scheduled_tasks is db-scheduler's (16.x), exactly as the library
-- expects it, index names included: one row per pending execution, picked with row locks
-- (SELECT ... FOR UPDATE SKIP LOCKED) so that one instance runs it, kept alive by heartbeats and
-- revived when the instance holding it dies. But db-scheduler deletes a one-time task's row when
-- it completes and keeps no progress, result or error; so the user-facing record of a job is the
-- job table, and the scheduler row is only its execution lease (task_instance = job.id).

CREATE TABLE scheduled_tasks (
    task_name             text NOT NULL,
    task_instance         text NOT NULL,
    task_data             bytea,
    execution_time        timestamp with time zone NOT NULL,
    picked                boolean NOT NULL,
    picked_by             text,
    last_success          timestamp with time zone,
    last_failure          timestamp with time zone,
    consecutive_failures  int,
    last_heartbeat        timestamp with time zone,
    version               bigint NOT NULL,
    priority              smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- One row per submitted job, kept after it ends. done/total are units of work (total -1:
-- unknown); checkpoint is the handler's own resume point, saved in the transaction of the step
-- it records. attempts counts starts (a job starts again after a crash or a shutdown).
-- No questlog_changes trigger: jobs change often (progress) and the read cache never holds
-- /api/jobs, so their writes must not invalidate the catalog's cached pages.
CREATE TABLE job (
    id                uuid PRIMARY KEY,
    type              text NOT NULL CHECK (type <> ''),
    dedupe_key        text,
    params            jsonb NOT NULL,
    state             text NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    cancel_requested  boolean NOT NULL DEFAULT false,
    done              bigint NOT NULL DEFAULT 0,
    total             bigint NOT NULL DEFAULT -1 CHECK (total >= -1),
    checkpoint        jsonb,
    result            jsonb,
    error             text,
    attempts          integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz NOT NULL
);
-- Jobs.submitOnce: at most one queued-or-running job per (type, key); the index decides races.
CREATE UNIQUE INDEX job_active_dedupe_idx ON job (type, dedupe_key)
    WHERE state IN ('queued', 'running') AND dedupe_key IS NOT NULL;
CREATE INDEX job_created_idx ON job (created_at DESC, id DESC);
