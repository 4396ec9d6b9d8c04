-- Supervision workspace (issue 9): supervisor accounts and sessions, the append-only audit log, and
-- work orders (督办工单) with their notes. Alerts are computed from the inspection tables, not stored.

CREATE TABLE supervisors (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text,
  role text NOT NULL CHECK (role IN ('supervisor', 'auditor')),
  -- scrypt$N$r$p$salt$hash (base64url); the password itself is never stored.
  password_hash text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of the session cookie is kept; the CSRF token of the session is compared on every form.
CREATE TABLE supervisor_sessions (
  id_hash text PRIMARY KEY,
  supervisor_id text NOT NULL REFERENCES supervisors(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX supervisor_sessions_supervisor_idx ON supervisor_sessions (supervisor_id);

-- Every action in the workspace (sign-in, sign-out, each page read, each change) and each account
-- change made with the CLI. Rows are only ever inserted: the triggers below refuse UPDATE, DELETE
-- and TRUNCATE for every role, including the application's own.
CREATE TABLE supervision_audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  role text,
  action text NOT NULL,
  target_type text,
  target_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text
);
CREATE INDEX supervision_audit_target_idx ON supervision_audit (target_type, target_id, seq);
CREATE INDEX supervision_audit_actor_idx ON supervision_audit (actor, seq);

CREATE FUNCTION supervision_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: supervision records are never changed or deleted', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER supervision_audit_no_update BEFORE UPDATE OR DELETE ON supervision_audit
  FOR EACH ROW EXECUTE FUNCTION supervision_refuse_change();
CREATE TRIGGER supervision_audit_no_truncate BEFORE TRUNCATE ON supervision_audit
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_refuse_change();

-- 督办工单. States: pending 待处理 → verifying 核查中 → closed 已办结, or dismissed 不予处理 (with a reason).
-- Opened from an alert (alert_key and a snapshot of the alert and its records) or by hand.
CREATE SEQUENCE supervision_case_serial;
CREATE TABLE supervision_cases (
  id text PRIMARY KEY,
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'verifying', 'closed', 'dismissed')),
  agency_id text REFERENCES agencies(id),
  enterprise_credit_code text,
  alert_key text,
  alert_rule text,
  alert_snapshot jsonb,
  description text NOT NULL,
  assignee text,
  deadline date,
  resolution text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  CHECK (status NOT IN ('closed', 'dismissed') OR (resolution IS NOT NULL AND closed_at IS NOT NULL))
);
CREATE INDEX supervision_cases_status_idx ON supervision_cases (status, deadline);
CREATE INDEX supervision_cases_alert_idx ON supervision_cases (alert_key);
CREATE INDEX supervision_cases_agency_idx ON supervision_cases (agency_id);

-- Notes on a case, in order; never edited.
CREATE TABLE supervision_case_notes (
  seq bigserial PRIMARY KEY,
  case_id text NOT NULL REFERENCES supervision_cases(id),
  author text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_case_notes_case_idx ON supervision_case_notes (case_id, seq);

-- Nothing in a case's history is deleted: cases may change state, notes never change.
CREATE TRIGGER supervision_cases_no_delete BEFORE DELETE ON supervision_cases
  FOR EACH ROW EXECUTE FUNCTION supervision_refuse_change();
CREATE TRIGGER supervision_cases_no_truncate BEFORE TRUNCATE ON supervision_cases
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_refuse_change();
CREATE TRIGGER supervision_case_notes_no_change BEFORE UPDATE OR DELETE ON supervision_case_notes
  FOR EACH ROW EXECUTE FUNCTION supervision_refuse_change();
CREATE TRIGGER supervision_case_notes_no_truncate BEFORE TRUNCATE ON supervision_case_notes
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_refuse_change();
