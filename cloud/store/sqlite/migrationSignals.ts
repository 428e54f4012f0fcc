/**
 * Migration step 12 (migrations.ts lists it), in a file of its own to keep that list short: what a
 * phone sends about itself with a check-in (its own id, the position it reported), kept to spot one
 * phone or one spot used for several members; and an activity's recorded reason for having no
 * location check. Rows written before stay null. Never edit it once shipped.
 */
export const SIGNALS_STEP = `
  ALTER TABLE activities ADD COLUMN no_location_reason TEXT;
  ALTER TABLE check_ins ADD COLUMN device_id TEXT;
  ALTER TABLE check_ins ADD COLUMN lat REAL;
  ALTER TABLE check_ins ADD COLUMN lng REAL;
  `
