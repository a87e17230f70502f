/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Never edit a shipped migration: add a new one.
 */

import { LOW_BATTERY_LEVEL } from '../../../contract/constants';
import { bigramDocument, searchableText } from '../locks/lock-search';

/**
 * Secondary indexes of `locks` as of migration 7 (the bulk loader drops and rebuilds them around a
 * big seed). A change here needs a migration that makes it.
 */
export const LOCK_INDEXES: readonly (readonly [name: string, definition: string])[] = [
  // Sorting: one index per order, ending in lockid (the tie-break); NULLs last in both orders.
  // Names sort naturally ("Room 2" before "Room 12") by their key (locks/natural-sort.ts).
  ['locks_by_name', 'locks (name_key, lockid)'],
  ['locks_by_battery_asc', 'locks ((battery_level IS NULL), battery_level, lockid)'],
  ['locks_by_battery_desc', 'locks ((battery_level IS NULL), battery_level DESC, lockid DESC)'],
  ['locks_by_temperature_asc', 'locks ((temperature IS NULL), temperature, lockid)'],
  ['locks_by_temperature_desc', 'locks ((temperature IS NULL), temperature DESC, lockid DESC)'],
  ['locks_by_online_date', 'locks (online_updated_date, lockid)'],
  // Counting the filters without a search; and, by id, everything a set of search matches is
  // filtered and sorted on (a narrow copy of the rows).
  ['locks_filters', 'locks (lock_online_status, lock_open_status, battery_level)'],
  ['locks_state', 'locks (id, lock_online_status, lock_open_status, battery_level, temperature, online_updated_date, lockid, name_key)'],
  // A lock's address ignores case; pending relocks for the relock loop.
  ['locks_by_lockid_nocase', 'locks (lockid COLLATE NOCASE)'],
  ['locks_relock', 'locks (relock_at) WHERE relock_at IS NOT NULL'],
];

/**
 * Triggers that keep both search indexes in step with `locks` (see locks/lock-search.ts), as of
 * migration 6. Both indexes are contentless: a row is deleted by rowid and re-added.
 */
export const LOCK_SEARCH_TRIGGERS: readonly (readonly [name: string, definition: string])[] = [
  [
    'locks_search_insert',
    `AFTER INSERT ON locks BEGIN
      INSERT INTO locks_fts (rowid, search_text, search_state)
        VALUES (new.id, ${searchableText('new.search_text')}, new.search_state);
      INSERT INTO locks_bigram (rowid, bigrams) VALUES (new.id, ${bigramDocument('new.search_text', 'new.search_state')});
    END`,
  ],
  [
    'locks_search_delete',
    `AFTER DELETE ON locks BEGIN
      DELETE FROM locks_fts WHERE rowid = old.id;
      DELETE FROM locks_bigram WHERE rowid = old.id;
    END`,
  ],
  [
    'locks_search_update',
    `AFTER UPDATE OF lockname, lockid, lock_ssid, mac_address, lock_model, lock_online_status, lock_open_status,
      battery_level ON locks WHEN old.search_text IS NOT new.search_text OR old.search_state IS NOT new.search_state
    BEGIN
      DELETE FROM locks_fts WHERE rowid = old.id;
      INSERT INTO locks_fts (rowid, search_text, search_state)
        VALUES (new.id, ${searchableText('new.search_text')}, new.search_state);
      DELETE FROM locks_bigram WHERE rowid = old.id;
      INSERT INTO locks_bigram (rowid, bigrams) VALUES (new.id, ${bigramDocument('new.search_text', 'new.search_state')});
    END`,
  ],
];

export const createLockIndexes = () =>
  LOCK_INDEXES.map(([name, definition]) => `CREATE INDEX ${name} ON ${definition};`).join('\n');
export const createLockSearchTriggers = () =>
  LOCK_SEARCH_TRIGGERS.map(([name, definition]) => `CREATE TRIGGER ${name} ${definition};`).join('\n');
/** Fills both (empty) search indexes from `locks`. */
export const fillLockSearchIndexes = () => `
  INSERT INTO locks_fts (rowid, search_text, search_state) SELECT id, ${searchableText('search_text')}, search_state FROM locks;
  INSERT INTO locks_bigram (rowid, bigrams) SELECT id, ${bigramDocument('search_text', 'search_state')} FROM locks;`;

/** `ids_in_name_order` set from what SQLite itself finds (see migration 4). */
export const CHECK_IDS_IN_NAME_ORDER = `
  UPDATE platform_meta SET value = (
    SELECT count(*) = 0 FROM (SELECT id, row_number() OVER (ORDER BY name_key, lockid) AS position FROM locks)
    WHERE id <> position
  ) WHERE key = 'ids_in_name_order'`;

/**
 * Indexes of `events` (as of migrations 9 and 12; the bulk loader rebuilds them). The date and type
 * indexes carry lockid, so a search by lock or a type filter is answered inside the index; one
 * person's events come in date order, with their lockid (a person at some locks).
 */
export const EVENT_INDEXES: readonly (readonly [name: string, definition: string])[] = [
  ['events_by_date', 'events (event_date, eventid, lockid, event_type)'],
  ['events_by_lock', 'events (lockid, event_date, eventid)'],
  ['events_by_type', 'events (event_type, event_date, eventid, lockid)'],
  ['events_by_user', 'events (userid, event_date, eventid, lockid) WHERE userid IS NOT NULL'],
];
export const createEventIndexes = () =>
  EVENT_INDEXES.map(([name, definition]) => `CREATE INDEX ${name} ON ${definition};`).join('\n');

// Migration 1 as shipped: its indexes and triggers, frozen (the current ones differ).
const V1_LOCK_INDEXES = [
  'CREATE INDEX locks_by_name ON locks (lockname COLLATE NOCASE, lockid);',
  'CREATE INDEX locks_by_battery_asc ON locks ((battery_level IS NULL), battery_level, lockid);',
  'CREATE INDEX locks_by_battery_desc ON locks ((battery_level IS NULL), battery_level DESC, lockid DESC);',
  'CREATE INDEX locks_by_temperature_asc ON locks ((temperature IS NULL), temperature, lockid);',
  'CREATE INDEX locks_by_temperature_desc ON locks ((temperature IS NULL), temperature DESC, lockid DESC);',
  'CREATE INDEX locks_by_online_date ON locks (online_updated_date, lockid);',
  'CREATE INDEX locks_filters ON locks (lock_online_status, lock_open_status, battery_level);',
  'CREATE INDEX locks_state ON locks (id, lock_online_status, lock_open_status, battery_level, temperature, online_updated_date, lockid, lockname COLLATE NOCASE);',
].join('\n');
const V1_LOCK_SEARCH_TRIGGERS = `
  CREATE TRIGGER locks_search_insert AFTER INSERT ON locks BEGIN
    INSERT INTO locks_fts (rowid, search_text, search_state) VALUES (new.id, new.search_text, new.search_state);
    INSERT INTO locks_short (rowid, bigrams)
      VALUES (new.id, lock_bigrams(new.search_text) || replace(new.search_state, char(1), ' z'));
  END;
  CREATE TRIGGER locks_search_delete AFTER DELETE ON locks BEGIN
    INSERT INTO locks_fts (locks_fts, rowid, search_text, search_state)
      VALUES ('delete', old.id, old.search_text, old.search_state);
    DELETE FROM locks_short WHERE rowid = old.id;
  END;
  CREATE TRIGGER locks_search_update AFTER UPDATE OF lockname, lockid, lock_ssid, mac_address, lock_model, lock_online_status, lock_open_status,
    battery_level ON locks WHEN old.search_text IS NOT new.search_text OR old.search_state IS NOT new.search_state
  BEGIN
    INSERT INTO locks_fts (locks_fts, rowid, search_text, search_state)
      VALUES ('delete', old.id, old.search_text, old.search_state);
    INSERT INTO locks_fts (rowid, search_text, search_state) VALUES (new.id, new.search_text, new.search_state);
    DELETE FROM locks_short WHERE rowid = old.id;
    INSERT INTO locks_short (rowid, bigrams)
      VALUES (new.id, lock_bigrams(new.search_text) || replace(new.search_state, char(1), ' z'));
  END;`;

export const MIGRATIONS: readonly string[] = [
  // 1: locks, with a trigram index for keys of 3+ characters and a bigram index for shorter ones.
  `
  CREATE TABLE locks (
    id INTEGER PRIMARY KEY,
    lockid TEXT NOT NULL UNIQUE,
    lockuserid INTEGER NOT NULL,
    lockname TEXT NOT NULL,
    lock_open_status INTEGER NOT NULL CHECK (lock_open_status IN (0, 1)),
    lock_online_status INTEGER NOT NULL CHECK (lock_online_status IN (0, 1)),
    battery_level INTEGER CHECK (battery_level BETWEEN 0 AND 100),
    lock_ssid TEXT NOT NULL,
    lock_password TEXT NOT NULL,
    mac_address TEXT,
    temperature REAL,
    lock_model TEXT NOT NULL,
    online_updated_date TEXT NOT NULL,
    lock_pic TEXT NOT NULL DEFAULT '',
    search_text TEXT GENERATED ALWAYS AS (
      lower(lockname) || char(31) || lower(lockid) || char(31) ||
      CASE WHEN lock_ssid = lockid THEN '' ELSE lower(lock_ssid) || char(31) END ||
      lower(coalesce(mac_address, '')) || char(31) || lower(lock_model) || char(31)
    ) STORED,
    search_state TEXT GENERATED ALWAYS AS (
      char(1) || 'n' || lock_online_status || char(1) || 'p' || lock_open_status || char(1) ||
      CASE WHEN battery_level < 11 THEN 'bl' || char(1) || 'bc' || char(1)
           WHEN battery_level < 21 THEN 'bl' || char(1) ELSE '' END
    ) VIRTUAL
  );
  ${V1_LOCK_INDEXES}
  CREATE VIRTUAL TABLE locks_fts USING fts5(
    search_text, search_state, content = 'locks', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
  );
  CREATE VIRTUAL TABLE locks_short USING fts5(
    bigrams, content = '', contentless_delete = 1, detail = none, prefix = '1',
    tokenize = "unicode61 tokenchars '_'"
  );
  ${V1_LOCK_SEARCH_TRIGGERS}
  `,
  // 2: sign-in accounts and the people who use the doors (one table: see users/users-repository.ts).
  `
  CREATE TABLE users (
    userid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('manager', 'support', 'person')),
    password_hash TEXT,
    CHECK ((role = 'person') = (password_hash IS NULL))
  );
  CREATE TABLE tokens (
    token_hash BLOB PRIMARY KEY,
    userid INTEGER NOT NULL REFERENCES users (userid) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX tokens_by_expiry ON tokens (expires_at);
  `,
  // 3: events; eventid grows with event_date (history is seeded in order, the clock moves forward).
  `
  CREATE TABLE events (
    eventid INTEGER PRIMARY KEY,
    lockid TEXT NOT NULL REFERENCES locks (lockid) ON DELETE CASCADE,
    lockname TEXT NOT NULL,
    event_type TEXT NOT NULL CHECK (event_type IN ('unlocked', 'locked', 'online', 'offline', 'battery_low')),
    userid INTEGER REFERENCES users (userid) ON DELETE SET NULL,
    username TEXT,
    method TEXT NOT NULL CHECK (method IN ('remote', 'app', 'keypad', 'fingerprint', 'card', 'system')),
    event_date TEXT NOT NULL,
    battery_level INTEGER CHECK (battery_level BETWEEN 0 AND 100)
  );
  CREATE INDEX events_by_date ON events (event_date, eventid);
  CREATE INDEX events_by_lock ON events (lockid, event_date, eventid);
  CREATE INDEX events_by_type ON events (event_type, event_date, eventid);
  CREATE INDEX events_by_user ON events (userid) WHERE userid IS NOT NULL;
  `,
  // 4: platform facts the queries rely on. `ids_in_name_order` = 1 while lock ids follow
  // (lockname COLLATE NOCASE, lockid): set by the seed after checking, cleared by any change that
  // could break it. Name-sorted searches then page straight from the search index in rowid order.
  `
  CREATE TABLE platform_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO platform_meta (key, value) VALUES ('ids_in_name_order', 0);
  CREATE TRIGGER locks_order_insert AFTER INSERT ON locks BEGIN
    UPDATE platform_meta SET value = 0 WHERE key = 'ids_in_name_order' AND value <> 0;
  END;
  CREATE TRIGGER locks_order_update AFTER UPDATE OF id, lockname, lockid ON locks BEGIN
    UPDATE platform_meta SET value = 0 WHERE key = 'ids_in_name_order' AND value <> 0;
  END;
  `,
  // 5: the date and type indexes of events also carry lockid (and the date index the type).
  `
  DROP INDEX events_by_date;
  DROP INDEX events_by_type;
  CREATE INDEX events_by_date ON events (event_date, eventid, lockid, event_type);
  CREATE INDEX events_by_type ON events (event_type, event_date, eventid, lockid);
  `,
  // 6: names sort naturally (`name_key`, from the SQL function lock_name_key); the search ignores
  // MAC separators and takes several words, so both search indexes are rebuilt over the text
  // without separators, contentless, the bigram one with positions (a word is a phrase of pairs).
  `
  ALTER TABLE locks ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lock_name_key(lockname)) VIRTUAL;
  DROP INDEX locks_by_name;
  DROP INDEX locks_state;
  CREATE INDEX locks_by_name ON locks (name_key, lockid);
  CREATE INDEX locks_state ON locks (id, lock_online_status, lock_open_status, battery_level, temperature, online_updated_date, lockid, name_key);
  DROP TRIGGER locks_search_insert;
  DROP TRIGGER locks_search_delete;
  DROP TRIGGER locks_search_update;
  DROP TABLE locks_fts;
  DROP TABLE locks_short;
  CREATE VIRTUAL TABLE locks_fts USING fts5(
    search_text, search_state, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
  );
  CREATE VIRTUAL TABLE locks_bigram USING fts5(
    bigrams, content = '', contentless_delete = 1, prefix = '1', tokenize = "unicode61 tokenchars '_'"
  );
  ${fillLockSearchIndexes()}
  ${createLockSearchTriggers()}
  ${CHECK_IDS_IN_NAME_ORDER};
  `,
  // 7: timed unlocks (`relock_at`, UTC, while a relock is pending) and addresses that ignore case.
  `
  ALTER TABLE locks ADD COLUMN relock_at TEXT;
  CREATE INDEX locks_relock ON locks (relock_at) WHERE relock_at IS NOT NULL;
  CREATE INDEX locks_by_lockid_nocase ON locks (lockid COLLATE NOCASE);
  `,
  // 8: one person's events in date order (the Activity filter and search by person).
  `
  DROP INDEX events_by_user;
  CREATE INDEX events_by_user ON events (userid, event_date, eventid) WHERE userid IS NOT NULL;
  `,
  // 9: one person's events also carry lockid (a person's events at the locks a search names).
  `
  DROP INDEX events_by_user;
  CREATE INDEX events_by_user ON events (userid, event_date, eventid, lockid) WHERE userid IS NOT NULL;
  `,
  // 10: lock groups (names unique ignoring case) and their members, by the lock's internal id (a
  // lock may be in several groups; deleting a group or a lock deletes its memberships).
  // `groups_seeded` = 1 once the demo groups were made, so that deleting them all does not bring
  // them back at the next start.
  `
  CREATE TABLE lockgroups (
    groupid INTEGER PRIMARY KEY,
    groupname TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_date TEXT NOT NULL
  );
  CREATE UNIQUE INDEX lockgroups_by_name ON lockgroups (groupname COLLATE NOCASE);
  CREATE TABLE lockgroup_members (
    groupid INTEGER NOT NULL REFERENCES lockgroups (groupid) ON DELETE CASCADE,
    lock_id INTEGER NOT NULL REFERENCES locks (id) ON DELETE CASCADE,
    PRIMARY KEY (groupid, lock_id)
  ) WITHOUT ROWID;
  CREATE INDEX lockgroup_members_by_lock ON lockgroup_members (lock_id, groupid);
  INSERT INTO platform_meta (key, value) VALUES ('groups_seeded', 0);
  `,
  // 11: each group keeps its health counts, maintained by triggers on membership and on the state
  // of its locks (counting a site of 12,500 locks at every request costs tens of ms at 100,000).
  `
  ALTER TABLE lockgroups ADD COLUMN lock_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE lockgroups ADD COLUMN online_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE lockgroups ADD COLUMN unlocked_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE lockgroups ADD COLUMN lowbattery_count INTEGER NOT NULL DEFAULT 0;
  UPDATE lockgroups SET
    lock_count = (SELECT count(*) FROM lockgroup_members m WHERE m.groupid = lockgroups.groupid),
    online_count = (SELECT coalesce(sum(l.lock_online_status), 0) FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id
      WHERE m.groupid = lockgroups.groupid),
    unlocked_count = (SELECT coalesce(sum(l.lock_open_status), 0) FROM lockgroup_members m JOIN locks l ON l.id = m.lock_id
      WHERE m.groupid = lockgroups.groupid),
    lowbattery_count = (SELECT coalesce(sum(coalesce(l.battery_level <= ${LOW_BATTERY_LEVEL}, 0)), 0) FROM lockgroup_members m
      JOIN locks l ON l.id = m.lock_id WHERE m.groupid = lockgroups.groupid);
  CREATE TRIGGER lockgroup_members_insert AFTER INSERT ON lockgroup_members BEGIN
    UPDATE lockgroups SET
      lock_count = lock_count + 1,
      online_count = online_count + coalesce((SELECT lock_online_status FROM locks WHERE id = new.lock_id), 0),
      unlocked_count = unlocked_count + coalesce((SELECT lock_open_status FROM locks WHERE id = new.lock_id), 0),
      lowbattery_count = lowbattery_count
        + coalesce((SELECT battery_level <= ${LOW_BATTERY_LEVEL} FROM locks WHERE id = new.lock_id), 0)
    WHERE groupid = new.groupid;
  END;
  CREATE TRIGGER lockgroup_members_delete AFTER DELETE ON lockgroup_members BEGIN
    UPDATE lockgroups SET
      lock_count = lock_count - 1,
      online_count = online_count - coalesce((SELECT lock_online_status FROM locks WHERE id = old.lock_id), 0),
      unlocked_count = unlocked_count - coalesce((SELECT lock_open_status FROM locks WHERE id = old.lock_id), 0),
      lowbattery_count = lowbattery_count
        - coalesce((SELECT battery_level <= ${LOW_BATTERY_LEVEL} FROM locks WHERE id = old.lock_id), 0)
    WHERE groupid = old.groupid;
  END;
  CREATE TRIGGER locks_group_counts AFTER UPDATE OF lock_online_status, lock_open_status, battery_level ON locks
  WHEN old.lock_online_status IS NOT new.lock_online_status OR old.lock_open_status IS NOT new.lock_open_status
    OR coalesce(old.battery_level <= ${LOW_BATTERY_LEVEL}, 0) IS NOT coalesce(new.battery_level <= ${LOW_BATTERY_LEVEL}, 0)
  BEGIN
    UPDATE lockgroups SET
      online_count = online_count + new.lock_online_status - old.lock_online_status,
      unlocked_count = unlocked_count + new.lock_open_status - old.lock_open_status,
      lowbattery_count = lowbattery_count + coalesce(new.battery_level <= ${LOW_BATTERY_LEVEL}, 0)
        - coalesce(old.battery_level <= ${LOW_BATTERY_LEVEL}, 0)
    WHERE groupid IN (SELECT groupid FROM lockgroup_members INDEXED BY lockgroup_members_by_lock WHERE lock_id = new.id);
  END;
  `,
  // 12: access. People get an email, a phone and a creation date; grants (to a lock, or to a group
  // whose membership they follow) with their schedule and, for keypad grants, the code; events
  // take the access types, a `reason`, the `actor` (dashboard account) and the group of a
  // group-level access event, which names no lock (the table is rebuilt: SQLite cannot change a
  // CHECK). A grant keeps `groupname` as it was when its group was deleted (revoked with it).
  // `access_seeded` = 1 once the demo grants were made.
  `
  ALTER TABLE users ADD COLUMN phone TEXT;
  ALTER TABLE users ADD COLUMN created_date TEXT;
  UPDATE users SET created_date = strftime('%Y-%m-%d %H:%M:%S', 'now');
  CREATE TABLE grants (
    grantid INTEGER PRIMARY KEY,
    userid INTEGER NOT NULL REFERENCES users (userid),
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE ON UPDATE CASCADE,
    groupid INTEGER,
    groupname TEXT,
    method TEXT NOT NULL CHECK (method IN ('app', 'keypad', 'card', 'fingerprint')),
    start_date TEXT,
    end_date TEXT,
    weekdays TEXT,
    start_time TEXT,
    end_time TEXT,
    passcode TEXT,
    created_by TEXT,
    created_date TEXT NOT NULL,
    revoked_by TEXT,
    revoked_date TEXT,
    CHECK ((lockid IS NULL) <> (groupid IS NULL)),
    CHECK ((method = 'keypad') = (passcode IS NOT NULL))
  );
  CREATE INDEX grants_by_lock ON grants (lockid) WHERE lockid IS NOT NULL;
  CREATE INDEX grants_by_group ON grants (groupid) WHERE groupid IS NOT NULL;
  CREATE INDEX grants_by_user ON grants (userid);
  CREATE TABLE events_v12 (
    eventid INTEGER PRIMARY KEY,
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE,
    lockname TEXT,
    event_type TEXT NOT NULL CHECK (event_type IN ('unlocked', 'locked', 'online', 'offline', 'battery_low',
      'access_denied', 'access_granted', 'access_revoked')),
    userid INTEGER REFERENCES users (userid) ON DELETE SET NULL,
    username TEXT,
    method TEXT NOT NULL CHECK (method IN ('remote', 'app', 'keypad', 'fingerprint', 'card', 'system')),
    event_date TEXT NOT NULL,
    battery_level INTEGER CHECK (battery_level BETWEEN 0 AND 100),
    actor TEXT,
    reason TEXT CHECK (reason IN ('no_grant', 'not_yet', 'expired', 'outside_hours', 'wrong_method', 'revoked')),
    groupid INTEGER,
    groupname TEXT,
    CHECK (lockid IS NOT NULL OR groupid IS NOT NULL),
    CHECK ((event_type = 'access_denied') = (reason IS NOT NULL))
  );
  INSERT INTO events_v12 (eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level, actor)
    SELECT eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level,
      CASE WHEN method = 'remote' THEN username END
    FROM events ORDER BY eventid;
  DROP TABLE events;
  ALTER TABLE events_v12 RENAME TO events;
  CREATE INDEX events_by_date ON events (event_date, eventid, lockid, event_type);
  CREATE INDEX events_by_lock ON events (lockid, event_date, eventid);
  CREATE INDEX events_by_type ON events (event_type, event_date, eventid, lockid);
  CREATE INDEX events_by_user ON events (userid, event_date, eventid, lockid) WHERE userid IS NOT NULL;
  INSERT INTO platform_meta (key, value) VALUES ('access_seeded', 0);
  `,
  // 13: group changes are history too: `group_locks_changed` (a membership change) and
  // `group_deleted`, one event per grant to the group that the change reached (its person), or
  // one naming no person when no grant did. Only the type CHECK changes: the table is rebuilt.
  `
  CREATE TABLE events_v13 (
    eventid INTEGER PRIMARY KEY,
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE,
    lockname TEXT,
    event_type TEXT NOT NULL CHECK (event_type IN ('unlocked', 'locked', 'online', 'offline', 'battery_low',
      'access_denied', 'access_granted', 'access_revoked', 'group_locks_changed', 'group_deleted')),
    userid INTEGER REFERENCES users (userid) ON DELETE SET NULL,
    username TEXT,
    method TEXT NOT NULL CHECK (method IN ('remote', 'app', 'keypad', 'fingerprint', 'card', 'system')),
    event_date TEXT NOT NULL,
    battery_level INTEGER CHECK (battery_level BETWEEN 0 AND 100),
    actor TEXT,
    reason TEXT CHECK (reason IN ('no_grant', 'not_yet', 'expired', 'outside_hours', 'wrong_method', 'revoked')),
    groupid INTEGER,
    groupname TEXT,
    CHECK (lockid IS NOT NULL OR groupid IS NOT NULL),
    CHECK ((event_type = 'access_denied') = (reason IS NOT NULL))
  );
  INSERT INTO events_v13 SELECT eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level,
    actor, reason, groupid, groupname FROM events ORDER BY eventid;
  DROP TABLE events;
  ALTER TABLE events_v13 RENAME TO events;
  CREATE INDEX events_by_date ON events (event_date, eventid, lockid, event_type);
  CREATE INDEX events_by_lock ON events (lockid, event_date, eventid);
  CREATE INDEX events_by_type ON events (event_type, event_date, eventid, lockid);
  CREATE INDEX events_by_user ON events (userid, event_date, eventid, lockid) WHERE userid IS NOT NULL;
  `,
  // 14: door schedules, holidays and lockdowns (DESIGN.md, "Schedules and lockdown"). New event
  // types and denial reasons (the events table is rebuilt for its CHECKs). A schedule's windows are
  // JSON (`[{days, from, to}]`); it drives locks directly and through groups. On a lock:
  // `lockdown` 1 while a lockdown holds it; `schedule_override_until` (UTC) while a manual command
  // wins over its schedule; `schedule_state` what the scheduler last made it ('unlocked', 'locked',
  // 'waiting' for the first person in), so a restart knows what it did. A lockdown's locks are
  // listed in `lockdown_locks` with `pending` 1 while offline (locked as soon as they come back).
  `
  CREATE TABLE schedules (
    scheduleid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    timezone TEXT NOT NULL,
    windows TEXT NOT NULL,
    first_person_in INTEGER NOT NULL DEFAULT 0 CHECK (first_person_in IN (0, 1)),
    created_date TEXT NOT NULL
  );
  CREATE UNIQUE INDEX schedules_by_name ON schedules (name COLLATE NOCASE);
  CREATE TABLE schedule_targets (
    scheduleid INTEGER NOT NULL REFERENCES schedules (scheduleid) ON DELETE CASCADE,
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE ON UPDATE CASCADE,
    groupid INTEGER REFERENCES lockgroups (groupid) ON DELETE CASCADE,
    CHECK ((lockid IS NULL) <> (groupid IS NULL))
  );
  CREATE UNIQUE INDEX schedule_targets_lock ON schedule_targets (scheduleid, lockid) WHERE lockid IS NOT NULL;
  CREATE UNIQUE INDEX schedule_targets_group ON schedule_targets (scheduleid, groupid) WHERE groupid IS NOT NULL;
  CREATE INDEX schedule_targets_by_lock ON schedule_targets (lockid) WHERE lockid IS NOT NULL;
  CREATE INDEX schedule_targets_by_group ON schedule_targets (groupid) WHERE groupid IS NOT NULL;
  CREATE TABLE holidays (
    holidayid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
    CHECK (end_date >= start_date)
  );
  CREATE TABLE schedule_holidays (
    scheduleid INTEGER NOT NULL REFERENCES schedules (scheduleid) ON DELETE CASCADE,
    holidayid INTEGER NOT NULL REFERENCES holidays (holidayid) ON DELETE CASCADE,
    PRIMARY KEY (scheduleid, holidayid)
  );
  CREATE TABLE lockdowns (
    lockdownid INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_date TEXT NOT NULL,
    lifted_by TEXT,
    lifted_date TEXT
  );
  CREATE INDEX lockdowns_active ON lockdowns (lockdownid) WHERE lifted_date IS NULL;
  CREATE TABLE lockdown_locks (
    lockdownid INTEGER NOT NULL REFERENCES lockdowns (lockdownid) ON DELETE CASCADE,
    lockid TEXT NOT NULL REFERENCES locks (lockid) ON DELETE CASCADE ON UPDATE CASCADE,
    pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
    PRIMARY KEY (lockdownid, lockid)
  );
  CREATE INDEX lockdown_locks_by_lock ON lockdown_locks (lockid);
  ALTER TABLE locks ADD COLUMN lockdown INTEGER NOT NULL DEFAULT 0 CHECK (lockdown IN (0, 1));
  ALTER TABLE locks ADD COLUMN schedule_override_until TEXT;
  ALTER TABLE locks ADD COLUMN schedule_state TEXT CHECK (schedule_state IN ('unlocked', 'locked', 'waiting'));
  CREATE INDEX locks_in_lockdown ON locks (id) WHERE lockdown = 1;
  CREATE TABLE events_v14 (
    eventid INTEGER PRIMARY KEY,
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE,
    lockname TEXT,
    event_type TEXT NOT NULL CHECK (event_type IN ('unlocked', 'locked', 'online', 'offline', 'battery_low',
      'access_denied', 'access_granted', 'access_revoked', 'group_locks_changed', 'group_deleted',
      'scheduled_unlock', 'scheduled_lock', 'lockdown_started', 'lockdown_lifted')),
    userid INTEGER REFERENCES users (userid) ON DELETE SET NULL,
    username TEXT,
    method TEXT NOT NULL CHECK (method IN ('remote', 'app', 'keypad', 'fingerprint', 'card', 'system')),
    event_date TEXT NOT NULL,
    battery_level INTEGER CHECK (battery_level BETWEEN 0 AND 100),
    actor TEXT,
    reason TEXT CHECK (reason IN ('no_grant', 'not_yet', 'expired', 'outside_hours', 'wrong_method', 'revoked',
      'lockdown', 'suspended')),
    groupid INTEGER,
    groupname TEXT,
    CHECK (lockid IS NOT NULL OR groupid IS NOT NULL),
    CHECK ((event_type = 'access_denied') = (reason IS NOT NULL))
  );
  INSERT INTO events_v14 SELECT eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level,
    actor, reason, groupid, groupname FROM events ORDER BY eventid;
  DROP TABLE events;
  ALTER TABLE events_v14 RENAME TO events;
  CREATE INDEX events_by_date ON events (event_date, eventid, lockid, event_type);
  CREATE INDEX events_by_lock ON events (lockid, event_date, eventid);
  CREATE INDEX events_by_type ON events (event_type, event_date, eventid, lockid);
  CREATE INDEX events_by_user ON events (userid, event_date, eventid, lockid) WHERE userid IS NOT NULL;
  `,
  // 15: people from hire to exit (issue 25, contract/people.ts). Roles are grant templates; a
  // member holds one real grant per template (`grants.roleid`, `grants.role_grantid`; `grants.rolename`
  // keeps the name once the role is deleted, like `groupname`). A person has a
  // status (suspended people are refused with reason `suspended`; archived ones are hidden and hold no
  // grant), a department and tags (JSON). A visitor pass is a person (`visitor` = 1) with keypad grants
  // (`grants.passid`); `expired_noted` = 1 once its `access_expired` event is written. The events table is
  // rebuilt for the new event type, and so that a fleet lockdown is one event: `lockdown_started`/
  // `lockdown_lifted` (a fleet's) and `access_expired` (a pass's) may name neither a lock nor a group.
  `
  CREATE TABLE roles (
    roleid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_date TEXT NOT NULL
  );
  CREATE UNIQUE INDEX roles_by_name ON roles (name COLLATE NOCASE);
  CREATE TABLE role_grants (
    role_grantid INTEGER PRIMARY KEY,
    roleid INTEGER NOT NULL REFERENCES roles (roleid) ON DELETE CASCADE,
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE ON UPDATE CASCADE,
    groupid INTEGER REFERENCES lockgroups (groupid) ON DELETE CASCADE,
    method TEXT NOT NULL CHECK (method IN ('app', 'keypad', 'card', 'fingerprint')),
    weekdays TEXT,
    start_time TEXT,
    end_time TEXT,
    CHECK ((lockid IS NULL) <> (groupid IS NULL))
  );
  CREATE INDEX role_grants_by_role ON role_grants (roleid);
  CREATE TABLE role_members (
    roleid INTEGER NOT NULL REFERENCES roles (roleid) ON DELETE CASCADE,
    userid INTEGER NOT NULL REFERENCES users (userid) ON DELETE CASCADE,
    added_date TEXT NOT NULL,
    PRIMARY KEY (roleid, userid)
  ) WITHOUT ROWID;
  CREATE INDEX role_members_by_user ON role_members (userid, roleid);
  ALTER TABLE grants ADD COLUMN roleid INTEGER;
  ALTER TABLE grants ADD COLUMN role_grantid INTEGER;
  ALTER TABLE grants ADD COLUMN rolename TEXT;
  ALTER TABLE grants ADD COLUMN passid INTEGER;
  ALTER TABLE grants ADD COLUMN code_sent_date TEXT;
  CREATE INDEX grants_by_role ON grants (roleid, userid) WHERE roleid IS NOT NULL;
  CREATE INDEX grants_by_pass ON grants (passid) WHERE passid IS NOT NULL;
  ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'archived'));
  ALTER TABLE users ADD COLUMN department TEXT;
  ALTER TABLE users ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE users ADD COLUMN suspended_reason TEXT;
  ALTER TABLE users ADD COLUMN suspended_until TEXT;
  ALTER TABLE users ADD COLUMN archived_date TEXT;
  ALTER TABLE users ADD COLUMN visitor INTEGER NOT NULL DEFAULT 0 CHECK (visitor IN (0, 1));
  CREATE INDEX users_suspended_until ON users (suspended_until) WHERE suspended_until IS NOT NULL;
  CREATE TABLE passes (
    passid INTEGER PRIMARY KEY,
    userid INTEGER NOT NULL REFERENCES users (userid),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    created_by TEXT,
    created_date TEXT NOT NULL,
    ended_by TEXT,
    ended_date TEXT,
    code_sent_date TEXT,
    expired_noted INTEGER NOT NULL DEFAULT 0 CHECK (expired_noted IN (0, 1))
  );
  CREATE INDEX passes_to_note ON passes (end_date) WHERE expired_noted = 0;
  CREATE TABLE events_v15 (
    eventid INTEGER PRIMARY KEY,
    lockid TEXT REFERENCES locks (lockid) ON DELETE CASCADE,
    lockname TEXT,
    event_type TEXT NOT NULL CHECK (event_type IN ('unlocked', 'locked', 'online', 'offline', 'battery_low',
      'access_denied', 'access_granted', 'access_revoked', 'group_locks_changed', 'group_deleted',
      'scheduled_unlock', 'scheduled_lock', 'lockdown_started', 'lockdown_lifted', 'access_expired')),
    userid INTEGER REFERENCES users (userid) ON DELETE SET NULL,
    username TEXT,
    method TEXT NOT NULL CHECK (method IN ('remote', 'app', 'keypad', 'fingerprint', 'card', 'system')),
    event_date TEXT NOT NULL,
    battery_level INTEGER CHECK (battery_level BETWEEN 0 AND 100),
    actor TEXT,
    reason TEXT CHECK (reason IN ('no_grant', 'not_yet', 'expired', 'outside_hours', 'wrong_method', 'revoked',
      'lockdown', 'suspended')),
    groupid INTEGER,
    groupname TEXT,
    CHECK (lockid IS NOT NULL OR groupid IS NOT NULL OR event_type IN ('lockdown_started', 'lockdown_lifted', 'access_expired')),
    CHECK ((event_type = 'access_denied') = (reason IS NOT NULL))
  );
  INSERT INTO events_v15 SELECT eventid, lockid, lockname, event_type, userid, username, method, event_date, battery_level,
    actor, reason, groupid, groupname FROM events ORDER BY eventid;
  DROP TABLE events;
  ALTER TABLE events_v15 RENAME TO events;
  CREATE INDEX events_by_date ON events (event_date, eventid, lockid, event_type);
  CREATE INDEX events_by_lock ON events (lockid, event_date, eventid);
  CREATE INDEX events_by_type ON events (event_type, event_date, eventid, lockid);
  CREATE INDEX events_by_user ON events (userid, event_date, eventid, lockid) WHERE userid IS NOT NULL;
  `,
  // 16: readings (issue 26): a sample of each lock's battery, temperature and online state every
  // 15 min (thinned to hourly after 7 days, dropped after 90), keyed by the lock's internal id and a
  // unix-second time; and per lock the running least-squares sums of its current battery series
  // (since the last swap) with the forecast they give, so the forecast list never reads `readings`.
  // `readings_seeded` = 1 once the demo readings were backfilled; `readings_trimmed_until` = the
  // time up to which retention has run.
  `
  CREATE TABLE readings (
    lock_id INTEGER NOT NULL REFERENCES locks (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    battery INTEGER,
    temperature REAL,
    online INTEGER NOT NULL CHECK (online IN (0, 1)),
    PRIMARY KEY (lock_id, at)
  ) WITHOUT ROWID;
  CREATE TABLE battery_trends (
    lock_id INTEGER PRIMARY KEY REFERENCES locks (id) ON DELETE CASCADE,
    series_start INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    last_battery INTEGER NOT NULL,
    reached_at INTEGER,
    n INTEGER NOT NULL,
    sx REAL NOT NULL,
    sy REAL NOT NULL,
    sxx REAL NOT NULL,
    sxy REAL NOT NULL,
    drain_per_day REAL,
    critical_at INTEGER
  );
  CREATE INDEX battery_trends_due ON battery_trends (critical_at, lock_id) WHERE critical_at IS NOT NULL;
  INSERT INTO platform_meta (key, value) VALUES ('readings_seeded', 0), ('readings_trimmed_until', 0);
  `,
  // 17: outages (issue 26, uptime reports): one row per time a lock was offline, from its `offline`
  // event to the `online` that ended it (end_at NULL while still open), kept by a trigger on events
  // and backfilled from the history here. A report over a period reads only the outages that end
  // after its start (outages_by_end), not every offline/online event. A rebuild of `events` drops
  // these triggers: such a migration must create them again. Partial indexes cover the usage and
  // denials reports (door uses and refusals in a period, with their lock and reason): without them a
  // month of the fleet reads every row of the table for its method or reason. The busiest doors of
  // the fleet come from door uses in lock order (42 ms against 248 ms sorting a month's 140,000 uses
  // by lock, at 1M events).
  `
  CREATE TABLE outages (
    outageid INTEGER PRIMARY KEY,
    lockid TEXT NOT NULL REFERENCES locks (lockid) ON DELETE CASCADE,
    start_at TEXT NOT NULL,
    end_at TEXT
  );
  CREATE INDEX outages_by_end ON outages (coalesce(end_at, '9999'), start_at, lockid);
  CREATE INDEX outages_by_lock ON outages (lockid, start_at);
  CREATE UNIQUE INDEX outages_open ON outages (lockid) WHERE end_at IS NULL;
  CREATE INDEX events_door_uses ON events (event_date, lockid) WHERE event_type = 'unlocked' AND method <> 'system';
  CREATE INDEX events_door_uses_by_lock ON events (lockid, event_date) WHERE event_type = 'unlocked' AND method <> 'system';
  CREATE INDEX events_denials ON events (event_date, lockid, reason) WHERE event_type = 'access_denied';
  WITH s AS (
    SELECT lockid, event_type, event_date,
      lag(event_type) OVER w AS prev,
      min(CASE WHEN event_type = 'online' THEN event_date END) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_online
    FROM events WHERE event_type IN ('offline', 'online') AND lockid IS NOT NULL
    WINDOW w AS (PARTITION BY lockid ORDER BY eventid)
  )
  INSERT INTO outages (lockid, start_at, end_at)
    SELECT lockid, event_date, next_online FROM s WHERE event_type = 'offline' AND (prev IS NULL OR prev = 'online') ORDER BY event_date;
  CREATE TRIGGER outage_opens AFTER INSERT ON events WHEN new.event_type = 'offline' AND new.lockid IS NOT NULL BEGIN
    INSERT OR IGNORE INTO outages (lockid, start_at) VALUES (new.lockid, new.event_date);
  END;
  CREATE TRIGGER outage_closes AFTER INSERT ON events WHEN new.event_type = 'online' AND new.lockid IS NOT NULL BEGIN
    UPDATE outages SET end_at = new.event_date WHERE lockid = new.lockid AND end_at IS NULL;
  END;
  `,
];
