/**
 * Migration step 9 (migrations.ts lists it), in a file of its own to keep that list short: the
 * obligations engine's 职级, training targets, when branches were set up, and the records that meet targets.
 * Never edit it once shipped.
 */
export const OBLIGATIONS_STEP = `
  -- Rotation training reaches cadres of a rank; null: not recorded on the roster.
  ALTER TABLE members ADD COLUMN cadre_rank TEXT;
  CREATE INDEX members_cadre_rank ON members(cadre_rank) WHERE cadre_rank IS NOT NULL;
  -- The target an activity serves (a training): its attendance is read by target.
  ALTER TABLE activities ADD COLUMN target_id TEXT;
  CREATE INDEX activities_target ON activities(target_id) WHERE target_id IS NOT NULL;
  -- The rhythm of every branch reads the city's meetings by time.
  CREATE INDEX activities_meetings_start ON activities(start_at) WHERE meeting_type IS NOT NULL;
  -- A branch owes no period it was set up in; branches from before this version stay null.
  ALTER TABLE branches ADD COLUMN created_at TEXT;
  -- Targets are read whole and few (at most 40): each a JSON document under its id.
  CREATE TABLE targets (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL
  );
  -- The city's one checklist.
  CREATE TABLE checklist (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
  );
  -- One score per branch and year: scoring again replaces it.
  CREATE TABLE branch_scores (
    branch_id TEXT NOT NULL REFERENCES branches(id),
    year TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    scores_json TEXT NOT NULL,
    total REAL NOT NULL,
    max_total REAL NOT NULL,
    grade TEXT NOT NULL,
    scored_by TEXT NOT NULL,
    scored_at TEXT NOT NULL,
    PRIMARY KEY (branch_id, year)
  );
  CREATE INDEX branch_scores_year ON branch_scores(year, unit_id);
  CREATE TABLE democratic_meetings (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    held_at TEXT NOT NULL,
    for_period TEXT NOT NULL,
    topic TEXT NOT NULL,
    attendee_name TEXT,
    attendee_post TEXT,
    evidence_json TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX democratic_meetings_held ON democratic_meetings(held_at);
  CREATE INDEX democratic_meetings_unit ON democratic_meetings(unit_id, held_at);
  -- One 述职 per secretary's level, subject and year; it is replaced in place until appraised.
  CREATE TABLE duty_reports (
    id TEXT PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('unit', 'branch')),
    subject_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    year TEXT NOT NULL,
    reporter_name TEXT NOT NULL,
    text TEXT NOT NULL,
    evidence_json TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    grade TEXT,
    comment TEXT,
    appraised_by TEXT,
    appraised_at TEXT,
    UNIQUE (level, subject_id, year)
  );
  CREATE INDEX duty_reports_year ON duty_reports(year, unit_id);
  -- Like photos: the bytes are files in evidence/ beside the database; the rows say what they are.
  CREATE TABLE evidence_files (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL,
    mime TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
  );
  `
