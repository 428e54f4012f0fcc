/**
 * Migration step 14 (migrations.ts lists it), in a file of its own to keep that list short: the
 * objections (异议) members raise about a study-model list on public notice, and how the city admin
 * resolved each. At most one pending per objector, list and entry (the whole list: no member).
 * Never edit it once shipped.
 */
export const OBJECTIONS_STEP = `
  CREATE TABLE objections (
    id TEXT PRIMARY KEY,
    snapshot_id TEXT NOT NULL REFERENCES snapshots(id),
    period TEXT NOT NULL,
    member_id TEXT,
    member_name TEXT,
    objector_id TEXT NOT NULL REFERENCES members(id),
    objector_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    filed_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'upheld', 'dismissed')),
    resolved_by TEXT,
    resolver_name TEXT,
    comment TEXT,
    resolved_at TEXT
  );
  CREATE UNIQUE INDEX objections_pending ON objections(snapshot_id, objector_id, COALESCE(member_id, '')) WHERE status = 'pending';
  CREATE INDEX objections_period ON objections(period, filed_at);
  `
