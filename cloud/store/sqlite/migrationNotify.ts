/**
 * Migration step 11 (migrations.ts lists it), in a file of its own to keep that list short:
 * reminders — members' inboxes, their preferences and the WeChat sends they have left, and the
 * indexes a dispatch run reads by time. Never edit it once shipped.
 */
export const NOTIFY_STEP = `
  -- The id is (reminder key, member): delivering is inserting if absent, so overlapping runs deliver once.
  CREATE TABLE inbox_messages (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    created_at TEXT NOT NULL,
    read_at TEXT,
    pushed INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX inbox_messages_member ON inbox_messages(member_id, created_at, id);
  CREATE INDEX inbox_messages_unread ON inbox_messages(member_id) WHERE read_at IS NULL;
  -- Kinds a member turned off; no row: nothing off.
  CREATE TABLE notify_preferences (
    member_id TEXT PRIMARY KEY,
    off_json TEXT NOT NULL
  );
  -- WeChat grants one send per acceptance and offers no way to ask how many are left: we count them.
  CREATE TABLE notify_subscriptions (
    member_id TEXT NOT NULL,
    template TEXT NOT NULL,
    remaining INTEGER NOT NULL CHECK (remaining >= 0),
    PRIMARY KEY (member_id, template)
  );
  -- A dispatch run every five minutes reads activities starting or ending in a window, and decisions made in one.
  -- (Shifts ending in a window are read by activities_open, on status and end_at.)
  CREATE INDEX activities_starting ON activities(status, start_at);
  CREATE INDEX makeups_reviewed ON makeups(reviewed_at) WHERE reviewed_at IS NOT NULL;
  CREATE INDEX hour_claims_reviewed ON hour_claims(reviewed_at) WHERE reviewed_at IS NOT NULL;
  CREATE INDEX leave_requests_reviewed ON leave_requests(reviewed_at) WHERE reviewed_at IS NOT NULL;
  CREATE INDEX meeting_records_reviewed ON meeting_records(state, reviewed_at);
  `
