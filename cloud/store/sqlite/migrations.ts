import { NOTIFY_STEP } from './migrationNotify'
import { OBJECTIONS_STEP } from './migrationObjections'
import { OBLIGATIONS_STEP } from './migrationObligations'
import { SIGNALS_STEP } from './migrationSignals'

/**
 * Schema migrations, applied in order at start; `PRAGMA user_version` records how far a file has got.
 * Append new steps; never edit a step that has shipped.
 */
export const MIGRATIONS: string[] = [
  /* 1: organisation, activities, check-ins, the ledger and its counters */ `
  CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
  );
  CREATE TABLE branches (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL
  );
  CREATE INDEX branches_unit ON branches(unit_id);
  CREATE TABLE youth_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
  );
  -- A group may be formed jointly by several small units.
  CREATE TABLE youth_group_units (
    group_id TEXT NOT NULL REFERENCES youth_groups(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (group_id, unit_id)
  );
  CREATE TABLE members (
    id TEXT PRIMARY KEY,
    member_no TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    branch_id TEXT REFERENCES branches(id),
    youth_group_id TEXT REFERENCES youth_groups(id),
    birth_date TEXT,
    phone TEXT,
    bind_code TEXT NOT NULL UNIQUE,
    open_id TEXT UNIQUE,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );
  CREATE INDEX members_unit ON members(unit_id);
  CREATE INDEX members_group ON members(youth_group_id);
  CREATE TABLE member_roles (
    member_id TEXT NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    unit_id TEXT,
    group_id TEXT
  );
  CREATE UNIQUE INDEX member_roles_unique ON member_roles(member_id, role, ifnull(unit_id, ''), ifnull(group_id, ''));
  CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    sub_kind TEXT,
    title TEXT NOT NULL,
    description TEXT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    organizer_id TEXT NOT NULL REFERENCES members(id),
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    check_in_opens_at TEXT NOT NULL,
    check_in_closes_at TEXT NOT NULL,
    check_out_closes_at TEXT,
    place_name TEXT,
    place_lat REAL,
    place_lng REAL,
    place_radius_m INTEGER,
    audience_type TEXT NOT NULL,
    audience_json TEXT NOT NULL,
    capacity INTEGER,
    sign_up_required INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    qr_secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX activities_unit ON activities(unit_id, start_at);
  CREATE INDEX activities_open ON activities(status, end_at);
  -- Who an activity is for, one row per unit or group, so "activities for me" is an index lookup.
  CREATE TABLE activity_audience (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    scope_type TEXT NOT NULL CHECK (scope_type IN ('unit', 'group')),
    scope_id TEXT NOT NULL,
    PRIMARY KEY (scope_type, scope_id, activity_id)
  );
  CREATE TABLE check_ins (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    checked_in_at TEXT NOT NULL,
    method TEXT NOT NULL,
    distance_m REAL,
    accuracy_m REAL,
    device TEXT,
    ip TEXT,
    idempotency_key TEXT,
    UNIQUE (activity_id, member_id)
  );
  CREATE INDEX check_ins_member ON check_ins(member_id, checked_in_at);
  CREATE UNIQUE INDEX check_ins_idempotency ON check_ins(member_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  CREATE TABLE ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    member_id TEXT NOT NULL REFERENCES members(id),
    activity_id TEXT NOT NULL REFERENCES activities(id),
    kind TEXT NOT NULL,
    points REAL NOT NULL,
    hours REAL NOT NULL,
    method TEXT NOT NULL,
    approved_by TEXT,
    created_at TEXT NOT NULL,
    device TEXT,
    ip TEXT,
    reverses_id TEXT REFERENCES ledger(id)
  );
  CREATE INDEX ledger_member ON ledger(member_id, created_at);
  CREATE INDEX ledger_activity ON ledger(activity_id, member_id);
  -- The ledger is append-only: a correction is a reversing entry, never an edit.
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
  CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
  -- Per member, period (month, quarter, year) and kind; kept in step with every credit.
  CREATE TABLE member_counters (
    member_id TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    points REAL NOT NULL DEFAULT 0,
    hours REAL NOT NULL DEFAULT 0,
    credits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, period, kind)
  );
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 2: sign-ups, check-out, make-ups (补签) and volunteer hours waiting for approval */ `
  CREATE TABLE sign_ups (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    signed_up_at TEXT NOT NULL,
    PRIMARY KEY (activity_id, member_id)
  );
  CREATE INDEX sign_ups_member ON sign_ups(member_id);
  ALTER TABLE check_ins ADD COLUMN checked_out_at TEXT;
  CREATE TABLE makeups (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_by TEXT NOT NULL REFERENCES members(id),
    requested_at TEXT NOT NULL,
    reviewed_by TEXT REFERENCES members(id),
    reviewed_at TEXT,
    review_comment TEXT
  );
  -- At most one open or granted make-up per member and activity; a rejected one may be asked again.
  CREATE UNIQUE INDEX makeups_open ON makeups(activity_id, member_id) WHERE status IN ('pending', 'approved');
  CREATE INDEX makeups_member ON makeups(member_id, requested_at);
  CREATE TABLE hour_claims (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    hours REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    reviewed_by TEXT REFERENCES members(id),
    reviewed_at TEXT
  );
  CREATE INDEX hour_claims_activity ON hour_claims(activity_id, status);
  CREATE INDEX hour_claims_member ON hour_claims(member_id, created_at);
  `,
  /* 3: corrections — each credit may be reversed once, with a note saying why */ `
  ALTER TABLE ledger ADD COLUMN note TEXT;
  CREATE UNIQUE INDEX ledger_reversed_once ON ledger(reverses_id) WHERE reverses_id IS NOT NULL;
  `,
  /* 4: revocable sessions, admin resets, and the audit log of organizer and admin actions */ `
  CREATE TABLE revoked_sessions (
    sid TEXT PRIMARY KEY,
    member_id TEXT NOT NULL,
    revoked_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  -- Sessions issued before this time are void (an admin reset signs the member out everywhere).
  ALTER TABLE members ADD COLUMN sessions_valid_after TEXT;
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    unit_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    before_json TEXT,
    after_json TEXT
  );
  CREATE INDEX audit_unit ON audit_log(unit_id, at);
  CREATE INDEX audit_actor ON audit_log(actor_id, at);
  CREATE INDEX audit_at ON audit_log(at);
  `,
  /* 5: unit counters, when a member's score last moved (tie-break), policy versions, selection and certificates */ `
  ALTER TABLE member_counters ADD COLUMN last_at TEXT;
  CREATE TABLE unit_counters (
    unit_id TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    points REAL NOT NULL DEFAULT 0,
    hours REAL NOT NULL DEFAULT 0,
    credits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, period, kind)
  );
  CREATE INDEX member_counters_period ON member_counters(period, kind);
  CREATE TABLE policy_versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    effective_from TEXT NOT NULL,
    policy_json TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    period TEXT NOT NULL,
    rules_json TEXT NOT NULL,
    entries_json TEXT NOT NULL,
    frozen_by TEXT NOT NULL,
    frozen_at TEXT NOT NULL,
    notice_until TEXT NOT NULL
  );
  CREATE INDEX snapshots_period ON snapshots(period, frozen_at);
  CREATE TABLE certificates (
    serial TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    period TEXT NOT NULL,
    hours REAL NOT NULL,
    activities INTEGER NOT NULL,
    issuing_unit TEXT NOT NULL,
    verify_code TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL
  );
  -- One certificate per member, period and total: more hours later means a new certificate.
  CREATE UNIQUE INDEX certificates_member_period ON certificates(member_id, period, hours);
  ALTER TABLE members ADD COLUMN id_number TEXT;
  -- Unit counters for credits made before this version.
  INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits)
    SELECT m.unit_id, c.period, c.kind, SUM(c.points), SUM(c.hours), SUM(c.credits)
    FROM member_counters c JOIN members m ON m.id = c.member_id GROUP BY m.unit_id, c.period, c.kind;
  UPDATE member_counters SET last_at = (SELECT MAX(created_at) FROM ledger l WHERE l.member_id = member_counters.member_id AND l.kind = member_counters.kind);
  `,
  /* 6: fewer pages written per check-in at city scale (every index keyed by member is a random page per row) */ `
  -- One index keyed by member serves both "my records" and retried requests (NULL keys never clash).
  DROP INDEX check_ins_idempotency;
  DROP INDEX check_ins_member;
  CREATE UNIQUE INDEX check_ins_member ON check_ins(member_id, idempotency_key);
  -- Counters clustered by their key: an upsert touches one B-tree instead of an index and a table.
  CREATE TABLE member_counters_by_key (
    member_id TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    points REAL NOT NULL DEFAULT 0,
    hours REAL NOT NULL DEFAULT 0,
    credits INTEGER NOT NULL DEFAULT 0,
    last_at TEXT,
    PRIMARY KEY (member_id, period, kind)
  ) WITHOUT ROWID;
  INSERT INTO member_counters_by_key SELECT member_id, period, kind, points, hours, credits, last_at FROM member_counters;
  DROP TABLE member_counters;
  ALTER TABLE member_counters_by_key RENAME TO member_counters;
  CREATE INDEX member_counters_period ON member_counters(period, kind);
  `,
  /* 7: results kept ready for reading (the WeChat world reads them; the local one may) */ `
  CREATE TABLE ready_views (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL,
    built_at TEXT NOT NULL
  );
  `,
  /* 8: branch life — 党小组, party status, branch roles, merges, the history of moves, meetings with their records, leave and photos */ `
  CREATE TABLE party_groups (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    name TEXT NOT NULL,
    merged_into TEXT
  );
  CREATE INDEX party_groups_branch ON party_groups(branch_id);
  -- A merged node stays for old records; merged_into says where its members went.
  ALTER TABLE units ADD COLUMN merged_into TEXT;
  ALTER TABLE branches ADD COLUMN merged_into TEXT;
  ALTER TABLE youth_groups ADD COLUMN merged_into TEXT;
  ALTER TABLE members ADD COLUMN party_group_id TEXT REFERENCES party_groups(id);
  ALTER TABLE members ADD COLUMN party_status TEXT NOT NULL DEFAULT 'full';
  CREATE INDEX members_branch ON members(branch_id);
  CREATE INDEX members_party_group ON members(party_group_id);
  -- Branch roles name their branch (and its unit).
  ALTER TABLE member_roles ADD COLUMN branch_id TEXT;
  DROP INDEX member_roles_unique;
  CREATE UNIQUE INDEX member_roles_unique ON member_roles(member_id, role, ifnull(unit_id, ''), ifnull(group_id, ''), ifnull(branch_id, ''));
  CREATE INDEX member_roles_branch ON member_roles(branch_id) WHERE branch_id IS NOT NULL;
  -- Every change of a member's placement (unit, branch, 党小组, youth group): the roll of an old meeting is the roster of its day.
  CREATE TABLE member_moves (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id TEXT NOT NULL REFERENCES members(id),
    at TEXT NOT NULL,
    from_json TEXT NOT NULL,
    to_json TEXT NOT NULL
  );
  CREATE INDEX member_moves_member ON member_moves(member_id, at);
  CREATE INDEX member_moves_at ON member_moves(at);
  ALTER TABLE activities ADD COLUMN branch_id TEXT REFERENCES branches(id);
  ALTER TABLE activities ADD COLUMN meeting_type TEXT;
  ALTER TABLE activities ADD COLUMN meeting_period TEXT;
  ALTER TABLE activities ADD COLUMN meeting_election INTEGER;
  CREATE INDEX activities_meetings_branch ON activities(branch_id, start_at) WHERE meeting_type IS NOT NULL;
  CREATE INDEX activities_meetings_unit ON activities(unit_id, start_at) WHERE meeting_type IS NOT NULL;
  -- Audiences may now be branches or 党小组: the CHECK is part of the table, so the table is rebuilt.
  CREATE TABLE activity_audience_v8 (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    scope_type TEXT NOT NULL CHECK (scope_type IN ('unit', 'group', 'branch', 'partyGroup')),
    scope_id TEXT NOT NULL,
    PRIMARY KEY (scope_type, scope_id, activity_id)
  );
  INSERT INTO activity_audience_v8 SELECT activity_id, scope_type, scope_id FROM activity_audience;
  DROP TABLE activity_audience;
  ALTER TABLE activity_audience_v8 RENAME TO activity_audience;
  CREATE TABLE meeting_records (
    activity_id TEXT PRIMARY KEY REFERENCES activities(id),
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'reviewed')),
    host TEXT,
    recorder TEXT,
    topics_json TEXT NOT NULL,
    decisions TEXT NOT NULL,
    minutes TEXT NOT NULL,
    photos_json TEXT NOT NULL,
    absences_json TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    submitted_at TEXT,
    submitted_by TEXT,
    reviewed_at TEXT,
    reviewed_by TEXT,
    review_comment TEXT
  );
  CREATE INDEX meeting_records_state ON meeting_records(state);
  CREATE TABLE record_amendments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    field TEXT NOT NULL,
    value_json TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_id TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX record_amendments_activity ON record_amendments(activity_id, seq);
  -- A filed record is corrected only by appending, like the ledger.
  CREATE TRIGGER record_amendments_no_update BEFORE UPDATE ON record_amendments BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
  CREATE TRIGGER record_amendments_no_delete BEFORE DELETE ON record_amendments BEGIN SELECT RAISE(ABORT, 'amendments are append-only'); END;
  CREATE TABLE leave_requests (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_at TEXT NOT NULL,
    reviewed_by TEXT,
    reviewed_at TEXT,
    comment TEXT
  );
  -- One request waiting or granted per member and meeting; a declined one may be asked again.
  CREATE UNIQUE INDEX leave_requests_open ON leave_requests(activity_id, member_id) WHERE status IN ('pending', 'approved');
  CREATE INDEX leave_requests_activity ON leave_requests(activity_id, requested_at);
  CREATE INDEX leave_requests_member ON leave_requests(member_id, activity_id);
  -- The bytes are files in photos/ beside the database; the rows say what they are.
  CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    mime TEXT NOT NULL,
    file_name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
  );
  CREATE INDEX photos_activity ON photos(activity_id);
  `,
  /* 9: the obligations engine: 职级, training targets, branches' set-up time, records that meet targets */ OBLIGATIONS_STEP,
  /* 10: a filed record keeps its roll (JSON); records filed before stay null and are rolled live */ `
  ALTER TABLE meeting_records ADD COLUMN filed_roll_json TEXT;
  `,
  /* 11: reminders: inboxes, preferences, WeChat subscriptions; what a dispatch run reads by time */ NOTIFY_STEP,
  /* 12: check-ins keep the phone's id and position (relay flags); activities their reason for no location check */ SIGNALS_STEP,
  /* 13: when a member last signed in with their code (the roster's 已登录 in the local world, where no WeChat is bound) */ `
  ALTER TABLE members ADD COLUMN signed_in_at TEXT;
  `,
  /* 14: objections (异议) to a study-model list on notice, and how each was resolved */ OBJECTIONS_STEP,
  /* 15: an activity's 学习材料 (JSON list of title + link); activities before have none (null) */ `ALTER TABLE activities ADD COLUMN materials TEXT;`,
]
