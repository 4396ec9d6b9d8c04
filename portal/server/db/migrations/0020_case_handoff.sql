-- Work orders that reach the agency (issue 25 item 5, issue 19 item 2). An agency account (role
-- 'agency') is bound to one published agency and sees only the work orders handed to its agency:
-- the hand-off's instruction and deadline (in working days), its own replies and the supervisor's
-- review. Never the reports' reporters, contact, receipts or photos, never alerts or the audit log.
ALTER TABLE supervisors DROP CONSTRAINT IF EXISTS supervisors_role_check;
ALTER TABLE supervisors ADD CONSTRAINT supervisors_role_check CHECK (role IN ('supervisor', 'auditor', 'agency'));
ALTER TABLE supervisors ADD COLUMN agency_id text REFERENCES agencies(id);
ALTER TABLE supervisors ADD CONSTRAINT supervisors_agency_bound
  CHECK ((role = 'agency') = (agency_id IS NOT NULL));

-- The current hand-off of a case: to which agency account, what to do, by when, and where it stands:
-- handed 已交办 → replied 已回复 → accepted 已采纳 (the case is closed), or returned 已退回 (back to the
-- agency with a reason) → replied … A case is handed to at most one agency at a time.
ALTER TABLE supervision_cases ADD COLUMN handed_to text REFERENCES supervisors(id);
ALTER TABLE supervision_cases ADD COLUMN handoff_instruction text;
ALTER TABLE supervision_cases ADD COLUMN handoff_deadline date;
ALTER TABLE supervision_cases ADD COLUMN handoff_state text
  CHECK (handoff_state IN ('handed', 'replied', 'returned', 'accepted'));
ALTER TABLE supervision_cases ADD COLUMN handed_at timestamptz;
ALTER TABLE supervision_cases ADD CONSTRAINT supervision_cases_handoff_complete
  CHECK ((handed_to IS NULL) = (handoff_state IS NULL)
     AND (handed_to IS NULL OR (handoff_instruction IS NOT NULL AND handoff_deadline IS NOT NULL AND handed_at IS NOT NULL)));
CREATE INDEX supervision_cases_handed_idx ON supervision_cases (handed_to);

-- The agency's replies, in order, with the supervisor's review of each (accepted or returned with a
-- reason). Never deleted; the review is written once.
CREATE TABLE supervision_case_replies (
  seq bigserial PRIMARY KEY,
  case_id text NOT NULL REFERENCES supervision_cases(id),
  author text NOT NULL,
  agency_id text NOT NULL REFERENCES agencies(id),
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  review text CHECK (review IN ('accepted', 'returned')),
  review_text text,
  reviewed_by text,
  reviewed_at timestamptz,
  CHECK ((review IS NULL) = (reviewed_at IS NULL))
);
CREATE INDEX supervision_case_replies_case_idx ON supervision_case_replies (case_id, seq);
CREATE TRIGGER supervision_case_replies_no_delete BEFORE DELETE ON supervision_case_replies
  FOR EACH ROW EXECUTE FUNCTION supervision_refuse_change();
CREATE TRIGGER supervision_case_replies_no_truncate BEFORE TRUNCATE ON supervision_case_replies
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_refuse_change();

-- Evidence the agency attaches to a reply: JPEG or PNG with metadata stripped (reports/image-metadata.ts).
CREATE TABLE supervision_case_evidence (
  reply_seq bigint NOT NULL REFERENCES supervision_case_replies(seq),
  n integer NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  bytes bytea NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (reply_seq, n)
);
