-- Disclosed penalty decisions. `data` is the public form only; `restricted` holds the fields no
-- public surface may read (证件号码, 法定代表人证件号码, the raw input before redaction).
CREATE TABLE disclosures (
  id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  decision_no text NOT NULL,
  status text NOT NULL,
  decision_date date NOT NULL,
  publication_end date,
  party_credit_code text,
  data jsonb NOT NULL,
  restricted jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, decision_no)
);
CREATE INDEX disclosures_status_idx ON disclosures (status, decision_date DESC);
CREATE INDEX disclosures_party_idx ON disclosures (party_credit_code);

-- Inspection tasks (检查任务); certificates and evaluations arrive with their own issue.
CREATE TABLE inspections (
  id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  enterprise_credit_code text NOT NULL,
  source text NOT NULL,
  status text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_enterprise_idx ON inspections (enterprise_credit_code, window_start);
CREATE INDEX inspections_agency_idx ON inspections (agency_id, window_start);
