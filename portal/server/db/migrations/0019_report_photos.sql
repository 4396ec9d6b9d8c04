-- Photos attached to a report (反映问题), stored in the database (every portal process reads the same
-- ones) with their metadata (EXIF, text chunks) already stripped. Only supervisors read them.
CREATE TABLE report_photos (
  receipt text NOT NULL REFERENCES reports(receipt),
  seq integer NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  bytes bytea NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (receipt, seq)
);

-- The officer a report names, when the name or 执法证号 matches exactly one certified officer.
ALTER TABLE reports ADD COLUMN inspector_id text REFERENCES inspectors(id);
