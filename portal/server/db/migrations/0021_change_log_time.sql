-- The change feed's ETag and Last-Modified (GET /api/v1/changes, the Atom feed, the exports) read
-- max(at) of the change log on every request: without an index that is a scan of the whole log.
CREATE INDEX record_changes_at_idx ON record_changes (at);
