-- 反映问题 (issue 19): reports from businesses and citizens, with or without a certificate. Each
-- becomes a work order (督办工单). The reporter follows it by an unguessable receipt; who reported and
-- how to reach them (contact, client key) are read by supervisors only, never by an agency.
CREATE TABLE reports (
  receipt text PRIMARY KEY,
  client_id text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('no_code', 'repeated', 'multi_agency', 'arbitrary', 'conduct', 'other')),
  agency_id text REFERENCES agencies(id),
  occurred_at timestamptz NOT NULL,
  place text NOT NULL,
  description text NOT NULL,
  officer text,
  certificate_no text,
  inspection_id text,
  contact text,
  -- SHA-256 of the sender's network address with a server secret: rate limits and duplicate checks.
  client_key text NOT NULL,
  -- SHA-256 of kind, agency and normalised description: the same report sent twice is one case.
  fingerprint text NOT NULL,
  duplicate_of text REFERENCES reports(receipt),
  case_id text NOT NULL REFERENCES supervision_cases(id),
  reply text,
  replied_at timestamptz,
  received_at timestamptz NOT NULL
);
CREATE INDEX reports_client_idx ON reports (client_key, received_at);
CREATE INDEX reports_fingerprint_idx ON reports (fingerprint, received_at);
CREATE INDEX reports_agency_idx ON reports (agency_id, received_at);
CREATE INDEX reports_case_idx ON reports (case_id);

ALTER TABLE supervision_cases ADD COLUMN report_receipt text;
