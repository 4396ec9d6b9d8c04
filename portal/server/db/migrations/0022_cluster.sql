-- Several portal processes on one database (issue 22).

-- Who runs the scheduled jobs: one holder at a time, for as long as it keeps renewing (lease.ts).
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  acquired_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Each run of a scheduled job, by whom (jobs.ts): operators see what ran where; kept 30 days.
CREATE TABLE job_runs (
  id bigserial PRIMARY KEY,
  job text NOT NULL,
  holder text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  outcome text
);
CREATE INDEX job_runs_started_idx ON job_runs (started_at);

-- Per-client request budgets shared by every process (rate-limit.ts): GCRA's theoretical arrival time,
-- in milliseconds since the epoch. A row whose time has passed is a full budget and may be deleted.
CREATE TABLE rate_budgets (
  key text PRIMARY KEY,
  tat double precision NOT NULL
);
