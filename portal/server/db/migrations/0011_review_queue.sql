-- Decisions the redactor could not clear on its own (a digit run it cannot classify, a name-like token
-- it cannot place): held here, never public, until the agency or a supervisor releases them with a
-- corrected text. One pending review per decision; a later push replaces it.
CREATE TABLE disclosure_reviews (
  disclosure_id text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  decision_no text NOT NULL,
  input jsonb NOT NULL,
  context jsonb NOT NULL,
  doubts jsonb NOT NULL,
  preview jsonb NOT NULL,
  held_at timestamptz NOT NULL
);
CREATE INDEX disclosure_reviews_agency_idx ON disclosure_reviews (agency_id, held_at);
