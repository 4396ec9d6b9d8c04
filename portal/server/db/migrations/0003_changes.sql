-- Every change to a disclosure's public life, in commit order: the search outbox and the public
-- change feed read the same log. Writers take an advisory lock (see disclosures/store.ts) so
-- sequence order equals commit order and a reader never skips a change that commits late.
CREATE TABLE disclosure_changes (
  seq bigserial PRIMARY KEY,
  disclosure_id text NOT NULL REFERENCES disclosures(id),
  kind text NOT NULL CHECK (kind IN ('published', 'corrected', 'withdrawn', 'expired')),
  reason text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disclosure_changes_disclosure_idx ON disclosure_changes (disclosure_id);

-- How far each search index has applied the change log.
CREATE TABLE search_cursors (
  engine text PRIMARY KEY,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
