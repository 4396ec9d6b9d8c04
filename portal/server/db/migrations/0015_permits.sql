-- 行政许可 (permit decisions), the other half of 双公示: the same shape as disclosures (public form in
-- `data`, the pushed original in `restricted`, a tombstone once withdrawn or expired), public while valid.
CREATE TABLE permits (
  id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  decision_no text NOT NULL,
  status text NOT NULL,
  permit_category text NOT NULL,
  decision_date date NOT NULL,
  valid_until date NOT NULL,
  party_credit_code text,
  data jsonb NOT NULL,
  restricted jsonb NOT NULL DEFAULT '{}'::jsonb,
  tombstone jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, decision_no)
);
CREATE INDEX permits_status_idx ON permits (status, decision_date DESC);
CREATE INDEX permits_party_idx ON permits (party_credit_code);
CREATE INDEX permits_valid_until_idx ON permits (valid_until) WHERE status IN ('published', 'corrected');

-- Every earlier state of a permit, for supervisors (never read by a public surface).
CREATE TABLE permit_history (
  seq bigserial PRIMARY KEY,
  permit_id text NOT NULL REFERENCES permits(id),
  status text NOT NULL,
  data jsonb NOT NULL,
  restricted jsonb NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by text NOT NULL
);
CREATE INDEX permit_history_permit_idx ON permit_history (permit_id, seq);
