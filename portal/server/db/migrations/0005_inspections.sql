-- Inspections (issue 7): electronic inspection certificates (电子检查证) and their signing keys,
-- check-ins (事中登记) and evaluations (事后评价) by the inspected enterprise, and 双随机 draws.

-- A task that exceeded the agency's annual cap (投诉举报/上级交办 with a reason) is flagged for supervisors.
ALTER TABLE inspections ADD COLUMN flagged boolean NOT NULL DEFAULT false;
-- Optional Idempotency-Key of the agency's request, so a retried push never issues a second certificate.
ALTER TABLE inspections ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX inspections_idempotency_idx ON inspections (agency_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX inspections_flagged_idx ON inspections (window_start) WHERE flagged;

-- Public halves of every signing key ever used (the private keys stay in the data dir or the
-- configuration). /.well-known/jwks.json lists the keys not retired, and retired keys while any
-- certificate they signed is still inside its window.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  public_jwk jsonb NOT NULL,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

-- Serial numbers of certificates per year of issue (JCZ-YYYY-NNNNNNN-C).
CREATE TABLE certificate_serials (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE certificates (
  certificate_no text PRIMARY KEY,
  inspection_id text NOT NULL UNIQUE REFERENCES inspections(id),
  agency_id text NOT NULL REFERENCES agencies(id),
  status text NOT NULL CHECK (status IN ('valid', 'used', 'expired', 'revoked')),
  kid text NOT NULL REFERENCES signing_keys(kid),
  token text NOT NULL,
  issued_at timestamptz NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  revoked_at timestamptz,
  revocation_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificates_kid_idx ON certificates (kid, valid_until);
CREATE INDEX certificates_agency_idx ON certificates (agency_id, issued_at);

-- 事中登记. No credit code is stored: the certificate already names the one enterprise that may
-- check in, and the code is only compared, never kept. Only supervisors read this table.
CREATE TABLE checkins (
  client_id uuid PRIMARY KEY,
  certificate_no text NOT NULL REFERENCES certificates(certificate_no),
  credentials_shown boolean NOT NULL,
  certificate_status text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checkins_certificate_idx ON checkins (certificate_no, created_at);

-- 事后评价: one per certificate, replaceable until final_at (7 days after the first), then final.
-- Never readable with an agency token; the rater's credit code is not stored anywhere.
CREATE TABLE evaluations (
  certificate_no text PRIMARY KEY REFERENCES certificates(certificate_no),
  agency_id text NOT NULL REFERENCES agencies(id),
  ratings jsonb NOT NULL,
  problems jsonb NOT NULL,
  comment text,
  revisions integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  final_at timestamptz NOT NULL
);
CREATE INDEX evaluations_agency_idx ON evaluations (agency_id, created_at);

-- Every accepted evaluation request (idempotency by the client's id, and the history of replaced
-- versions for supervisors).
CREATE TABLE evaluation_submissions (
  client_id uuid PRIMARY KEY,
  certificate_no text NOT NULL REFERENCES certificates(certificate_no),
  request_hash text NOT NULL,
  data jsonb NOT NULL,
  response jsonb NOT NULL,
  status integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_submissions_certificate_idx ON evaluation_submissions (certificate_no, created_at);

-- 双随机 draws: inputs and the SHA-256 commitment of the seed are public from creation; the seed and
-- the result only once revealed (public readers never select `seed` before revealed_at is set).
CREATE TABLE draws (
  id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  status text NOT NULL CHECK (status IN ('committed', 'revealed')),
  algorithm text NOT NULL,
  inputs jsonb NOT NULL,
  -- How the pools were chosen (region, enterprise type, explicit list), for readers; not hashed.
  criteria jsonb NOT NULL DEFAULT '{}'::jsonb,
  inputs_hash text NOT NULL,
  commitment text NOT NULL,
  seed text NOT NULL,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  revealed_at timestamptz
);
CREATE INDEX draws_agency_idx ON draws (agency_id, created_at DESC);
