-- Agencies' case systems authenticate with bearer tokens. Only a SHA-256 of the random secret is
-- kept; the token itself is printed once by `sunlight token create`.
CREATE TABLE agency_tokens (
  id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  secret_hash text NOT NULL,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX agency_tokens_agency_idx ON agency_tokens (agency_id);

-- Public tombstone of a withdrawn or expired decision: number, date and reason only.
ALTER TABLE disclosures ADD COLUMN tombstone jsonb;

-- Every earlier state of a decision, for supervisors (never read by a public surface).
CREATE TABLE disclosure_history (
  seq bigserial PRIMARY KEY,
  disclosure_id text NOT NULL REFERENCES disclosures(id),
  status text NOT NULL,
  data jsonb NOT NULL,
  restricted jsonb NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by text NOT NULL
);
CREATE INDEX disclosure_history_disclosure_idx ON disclosure_history (disclosure_id, seq);

CREATE INDEX disclosures_publication_end_idx ON disclosures (publication_end) WHERE status IN ('published', 'corrected');
