-- Indexes for the paged lists of public decisions (pagedDecisions: a discretion item's decisions, an
-- article's citing decisions, bench:pg-scale's agency-and-year listing). Each is partial on the public
-- statuses and ends in (decision_date DESC, id), the lists' order: a page reads its rows in order and stops,
-- and the capped total stops after TOTAL_CAP entries, whatever the size of the table.
CREATE INDEX disclosures_public_agency_date_idx ON disclosures (agency_id, decision_date DESC, id)
  WHERE status IN ('published', 'corrected');
CREATE INDEX disclosures_public_discretion_idx ON disclosures ((data->>'discretionItemId'), decision_date DESC, id)
  WHERE status IN ('published', 'corrected');
-- Containment (@>) of a cited law or article: decisionsCiting, decisionsCitingEach, decisionsCitingLaw.
CREATE INDEX disclosures_public_basis_idx ON disclosures USING gin ((data->'basisRefs') jsonb_path_ops)
  WHERE status IN ('published', 'corrected');
-- The export's batches: public records in id order, from a key on (bench:export, bench:pg-scale). Without it a
-- batch is planned as a bitmap of every public record ANDed with the rest of the primary key when most
-- records have left publication (expired), i.e. each batch costs as much as the whole public set.
CREATE INDEX disclosures_public_id_idx ON disclosures (id) WHERE status IN ('published', 'corrected');
