-- Evaluations belong to the business (issue 16): who may check in and rate is proven by a business
-- identity the inspected agency cannot hold (README, "Evaluations belong to the business").

-- A business identity (subject): one holder acting for one enterprise. With the local enrolment adapter
-- the operator creates it (`sunlight business enrol`); production adapters (WeChat + 电子营业执照) create it
-- when the enterprise authorises a WeChat account. Never created through an agency's token.
CREATE TABLE business_subjects (
  id text PRIMARY KEY,
  credit_code text NOT NULL,
  adapter text NOT NULL,
  -- Who it was handed to, as the operator noted it (e.g. 前台办理、法定代表人现场领取); never a phone or ID number.
  label text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX business_subjects_credit_code_idx ON business_subjects (credit_code);

-- One-time enrolment codes (local adapter). Only the SHA-256 of a code is kept.
CREATE TABLE business_enrolment_codes (
  code_hash text PRIMARY KEY,
  subject_id text NOT NULL REFERENCES business_subjects(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- The device that exchanged it: a retry from the same device re-issues its credential, nobody else can.
  device_id uuid,
  credential_id text
);

-- Device credentials: `slb1.<id>.<secret>` is held by the device only; the server keeps the SHA-256 of the secret.
CREATE TABLE business_credentials (
  id text PRIMARY KEY,
  subject_id text NOT NULL REFERENCES business_subjects(id),
  secret_hash text NOT NULL,
  device_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX business_credentials_subject_idx ON business_credentials (subject_id);

-- Who spoke: the business identity behind each check-in, evaluation and accepted evaluation request. A
-- revision is accepted only from the subject that made the evaluation. Rows from before this migration
-- have none (they were accepted on the credit code alone) and cannot be revised.
ALTER TABLE checkins ADD COLUMN subject_id text REFERENCES business_subjects(id);
ALTER TABLE evaluations ADD COLUMN subject_id text REFERENCES business_subjects(id);
ALTER TABLE evaluation_submissions ADD COLUMN subject_id text REFERENCES business_subjects(id);

-- Someone tried to check in or rate on a genuine certificate without proving to be the inspected business
-- (no proof, an unknown or revoked one, or another enterprise's). Supervisors see these as alerts
-- (冒用企业名义); the agency never does. Append-only like the audit log.
CREATE TABLE business_proof_failures (
  seq bigserial PRIMARY KEY,
  certificate_no text NOT NULL REFERENCES certificates(certificate_no),
  agency_id text NOT NULL REFERENCES agencies(id),
  action text NOT NULL CHECK (action IN ('checkin', 'evaluation')),
  reason text NOT NULL CHECK (reason IN ('missing', 'malformed', 'unknown', 'revoked', 'other-enterprise')),
  -- The subject, when a valid identity of another enterprise was used.
  subject_id text REFERENCES business_subjects(id),
  ip text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX business_proof_failures_at_idx ON business_proof_failures (at);
CREATE INDEX business_proof_failures_certificate_idx ON business_proof_failures (certificate_no, at);

CREATE TRIGGER business_proof_failures_no_change BEFORE UPDATE OR DELETE ON business_proof_failures
  FOR EACH ROW EXECUTE FUNCTION supervision_refuse_change();
CREATE TRIGGER business_proof_failures_no_truncate BEFORE TRUNCATE ON business_proof_failures
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_refuse_change();
