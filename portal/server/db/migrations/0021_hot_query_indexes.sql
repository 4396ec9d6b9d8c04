-- Indexes for queries every public request runs (bench:pg-scale, portal/server/db/hot-queries.db.test.ts).
--
-- The change feed's ETag and Last-Modified (GET /api/v1/changes, the Atom feed, the exports) read
-- max(at) of the change log on every request: without an index that is a scan of the whole log.
CREATE INDEX record_changes_at_idx ON record_changes (at);

-- Decision listings filter by agency and decision date (pagedDecisions, the filtered export): without it
-- PostgreSQL ANDs a bitmap of all the agency's decisions with one of every agency's decisions in the range.
CREATE INDEX disclosures_agency_date_idx ON disclosures (agency_id, decision_date DESC);
