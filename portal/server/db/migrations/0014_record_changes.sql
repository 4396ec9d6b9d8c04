-- One change log for every public record type (penalties, permits, inspection results), in one
-- commit order, so the search outbox and partners follow a single cursor across all of them.
ALTER TABLE disclosure_changes RENAME TO record_changes;
ALTER TABLE record_changes RENAME COLUMN disclosure_id TO record_id;
ALTER TABLE record_changes DROP CONSTRAINT disclosure_changes_disclosure_id_fkey;
ALTER TABLE record_changes ADD COLUMN record_type text NOT NULL DEFAULT 'penalty'
  CHECK (record_type IN ('penalty', 'permit', 'inspection-result'));
ALTER TABLE record_changes ALTER COLUMN record_type DROP DEFAULT;
DROP INDEX disclosure_changes_disclosure_idx;
CREATE INDEX record_changes_record_idx ON record_changes (record_type, record_id);
