import type Database from 'better-sqlite3';
import { toPlatformDate } from '../../../contract/envelope';
import type { Holiday, ScheduleWindow } from '../../../contract/schedules';
import { HttpError } from '../http/errors';
import { namedLocks } from '../lockgroups/lockgroups-repository';
import type { HolidayDates, ScheduleTimes } from './schedule-time';

/** A schedule as stored, with its targets and holidays (no next_change: that is the answer's). */
export interface StoredSchedule extends ScheduleTimes {
  scheduleid: number;
  windows: ScheduleWindow[];
  name: string;
  first_person_in: 0 | 1;
  holidayids: number[];
  lockids: string[];
  groupids: number[];
  holidays: HolidayDates[];
}

export interface ScheduleFields {
  name: string;
  timezone: string;
  windows: ScheduleWindow[];
  first_person_in: 0 | 1;
  holidayids: number[];
  lockids: string[];
  groupids: number[];
}

/** A lock some schedule drives (directly or through one of its groups), with what the scheduler keeps on it. */
export interface DrivenLock {
  lockid: string;
  lockname: string;
  lock_open_status: 0 | 1;
  lock_online_status: 0 | 1;
  lockdown: 0 | 1;
  schedule_state: 'unlocked' | 'locked' | 'waiting' | null;
  schedule_override_until: string | null;
  scheduleids: number[];
}

type DrivenRow = Omit<DrivenLock, 'scheduleids'> & { scheduleid: number };

const NAMED_UNKNOWN = 20;
const noSuchSchedule = (id: number) => new HttpError(404, `No schedule ${id} on this platform`);
const noSuchHoliday = (id: number) => new HttpError(404, `No holiday ${id} on this platform`);

/** Group membership is read live: a lock added to a group is driven by the group's schedules at once. */
const DRIVEN = `
  SELECT st.scheduleid, st.lockid FROM schedule_targets st WHERE st.lockid IS NOT NULL
  UNION
  SELECT st.scheduleid, l.lockid FROM schedule_targets st
    JOIN lockgroup_members m ON m.groupid = st.groupid JOIN locks l ON l.id = m.lock_id
  WHERE st.groupid IS NOT NULL`;
const DRIVEN_COLUMNS = `d.scheduleid, l.lockid, l.lockname, l.lock_open_status, l.lock_online_status, l.lockdown,
  l.schedule_state, l.schedule_override_until`;

function groupDriven(rows: DrivenRow[]): DrivenLock[] {
  const byLock = new Map<string, DrivenLock>();
  for (const { scheduleid, ...lock } of rows) {
    const kept = byLock.get(lock.lockid);
    if (kept) kept.scheduleids.push(scheduleid);
    else byLock.set(lock.lockid, { ...lock, scheduleids: [scheduleid] });
  }
  return [...byLock.values()];
}

export type SchedulesRepository = ReturnType<typeof createSchedulesRepository>;

export function createSchedulesRepository(db: Database.Database, now: () => Date) {
  type ScheduleRow = { scheduleid: number; name: string; timezone: string; windows: string; first_person_in: 0 | 1 };
  const SCHEDULE_COLUMNS = 'scheduleid, name, timezone, windows, first_person_in';
  const everySchedule = db.prepare<[], ScheduleRow>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules ORDER BY name COLLATE NOCASE, scheduleid`);
  const schedulesAmong = db.prepare<[string], ScheduleRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE scheduleid IN (SELECT value FROM json_each(?)) ORDER BY name COLLATE NOCASE, scheduleid`,
  );
  const targets = db.prepare<[number], { lockid: string | null; groupid: number | null }>(
    'SELECT lockid, groupid FROM schedule_targets WHERE scheduleid = ? ORDER BY lockid, groupid',
  );
  const holidaysOf = db.prepare<[number], Holiday>(`
    SELECT h.holidayid, h.name, h.start_date, h.end_date, h.yearly FROM schedule_holidays sh
    JOIN holidays h ON h.holidayid = sh.holidayid WHERE sh.scheduleid = ? ORDER BY h.holidayid`);
  const countSchedules = db.prepare('SELECT count(*) FROM schedules').pluck();
  const pageIds = db.prepare<[number, number]>('SELECT scheduleid FROM schedules ORDER BY name COLLATE NOCASE, scheduleid LIMIT ? OFFSET ?').pluck();
  const nameTaken = db.prepare<[string, number]>('SELECT name FROM schedules WHERE name = ? COLLATE NOCASE AND scheduleid <> ?').pluck();
  const insert = db.prepare<[string, string, string, number, string]>(
    'INSERT INTO schedules (name, timezone, windows, first_person_in, created_date) VALUES (?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string, string, string, number, number]>(
    'UPDATE schedules SET name = ?, timezone = ?, windows = ?, first_person_in = ? WHERE scheduleid = ?',
  );
  const removeSchedule = db.prepare<[number]>('DELETE FROM schedules WHERE scheduleid = ?');
  const clearTargets = db.prepare<[number]>('DELETE FROM schedule_targets WHERE scheduleid = ?');
  const clearHolidays = db.prepare<[number]>('DELETE FROM schedule_holidays WHERE scheduleid = ?');
  const addTarget = db.prepare<[number, string | null, number | null]>('INSERT OR IGNORE INTO schedule_targets (scheduleid, lockid, groupid) VALUES (?, ?, ?)');
  const addHoliday = db.prepare<[number, number]>('INSERT OR IGNORE INTO schedule_holidays (scheduleid, holidayid) VALUES (?, ?)');
  const lockExact = db.prepare<[string]>('SELECT lockid FROM locks WHERE lockid = ?').pluck();
  const lockNocase = db.prepare<[string]>('SELECT lockid FROM locks WHERE lockid = ? COLLATE NOCASE ORDER BY lockid LIMIT 1').pluck();
  const groupExists = db.prepare<[number]>('SELECT 1 FROM lockgroups WHERE groupid = ?').pluck();
  const holidayRow = db.prepare<[number], Holiday>('SELECT holidayid, name, start_date, end_date, yearly FROM holidays WHERE holidayid = ?');
  const countHolidays = db.prepare('SELECT count(*) FROM holidays').pluck();
  const holidayPage = db.prepare<[number, number], Holiday>(
    'SELECT holidayid, name, start_date, end_date, yearly FROM holidays ORDER BY start_date, holidayid LIMIT ? OFFSET ?',
  );
  const insertHoliday = db.prepare<[string, string, string, number]>('INSERT INTO holidays (name, start_date, end_date, yearly) VALUES (?, ?, ?, ?)');
  const updateHoliday = db.prepare<[string, string, string, number, number]>(
    'UPDATE holidays SET name = ?, start_date = ?, end_date = ?, yearly = ? WHERE holidayid = ?',
  );
  const removeHoliday = db.prepare<[number]>('DELETE FROM holidays WHERE holidayid = ?');
  const allDriven = db.prepare<[], DrivenRow>(`WITH d AS (${DRIVEN}) SELECT ${DRIVEN_COLUMNS} FROM d JOIN locks l ON l.lockid = d.lockid ORDER BY l.lockid, d.scheduleid`);
  // Among given locks (a page of the lock list): from each lock to its schedules through the indexes.
  const drivenAmong = db.prepare<[string], DrivenRow>(`
    WITH l AS (SELECT l.* FROM json_each(?) j JOIN locks l ON l.lockid = j.value),
    d AS (
      SELECT st.scheduleid, l.lockid FROM l JOIN schedule_targets st ON st.lockid = l.lockid
      UNION
      SELECT st.scheduleid, l.lockid FROM l JOIN lockgroup_members m ON m.lock_id = l.id JOIN schedule_targets st ON st.groupid = m.groupid
    )
    SELECT ${DRIVEN_COLUMNS} FROM d JOIN l ON l.lockid = d.lockid ORDER BY l.lockid, d.scheduleid`);
  const anyTarget = db.prepare('SELECT EXISTS (SELECT 1 FROM schedule_targets)').pluck();
  const stateOf = db.prepare<[string | null, string | null, string]>(
    'UPDATE locks SET schedule_state = ?, schedule_override_until = ? WHERE lockid = ?',
  );
  const clearUndriven = db.prepare(`
    UPDATE locks SET schedule_state = NULL, schedule_override_until = NULL
    WHERE (schedule_state IS NOT NULL OR schedule_override_until IS NOT NULL) AND lockid NOT IN (SELECT lockid FROM (${DRIVEN}))`);

  /** Schedules by id ('*' = all), holidays and targets included, by name. */
  function load(ids: readonly number[] | '*'): StoredSchedule[] {
    const rows = ids === '*' ? everySchedule.all() : schedulesAmong.all(JSON.stringify(ids));
    return rows.map((row) => {
      const targetRows = targets.all(row.scheduleid);
      const holidays = holidaysOf.all(row.scheduleid);
      return {
        ...row,
        windows: JSON.parse(row.windows) as ScheduleWindow[],
        holidays,
        holidayids: holidays.map((h) => h.holidayid),
        lockids: targetRows.flatMap((t) => (t.lockid === null ? [] : [t.lockid])),
        groupids: targetRows.flatMap((t) => (t.groupid === null ? [] : [t.groupid])).sort((a, b) => a - b),
      };
    });
  }

  function find(scheduleid: number): StoredSchedule {
    const [schedule] = load([scheduleid]);
    if (!schedule) throw noSuchSchedule(scheduleid);
    return schedule;
  }

  /** The body's lockids as stored (their real case); 400 naming those that are unknown, and unknown groups and holidays. */
  function checked(fields: ScheduleFields, scheduleid: number): ScheduleFields {
    const taken = nameTaken.get(fields.name, scheduleid);
    if (taken !== undefined) throw new HttpError(409, `A schedule named ${String(taken)} already exists`);
    const lockids = fields.lockids.map((id) => (lockExact.get(id) ?? lockNocase.get(id)) as string | undefined);
    const unknownLocks = fields.lockids.filter((_, i) => lockids[i] === undefined);
    if (unknownLocks.length > 0) throw new HttpError(400, `lockids: no such locks: ${namedLocks(unknownLocks, NAMED_UNKNOWN)}`);
    const unknownGroups = fields.groupids.filter((id) => groupExists.get(id) === undefined);
    if (unknownGroups.length > 0) throw new HttpError(400, `groupids: no such lock groups: ${unknownGroups.join(', ')}`);
    const unknownHolidays = fields.holidayids.filter((id) => holidayRow.get(id) === undefined);
    if (unknownHolidays.length > 0) throw new HttpError(400, `holidayids: no such holidays: ${unknownHolidays.join(', ')}`);
    return { ...fields, lockids: [...new Set(lockids as string[])] };
  }

  function writeLinks(scheduleid: number, fields: ScheduleFields): void {
    clearTargets.run(scheduleid);
    clearHolidays.run(scheduleid);
    for (const lockid of fields.lockids) addTarget.run(scheduleid, lockid, null);
    for (const groupid of fields.groupids) addTarget.run(scheduleid, null, groupid);
    for (const holidayid of fields.holidayids) addHoliday.run(scheduleid, holidayid);
  }

  return {
    load,
    find,
    page(pagenumber: number, limit: number): { totalCount: number; schedules: StoredSchedule[] } {
      const ids = pageIds.all(limit, (pagenumber - 1) * limit) as number[];
      return { totalCount: countSchedules.get() as number, schedules: load(ids) };
    },
    create: db.transaction((body: ScheduleFields): StoredSchedule => {
      const fields = checked(body, 0);
      const scheduleid = Number(insert.run(fields.name, fields.timezone, JSON.stringify(fields.windows), fields.first_person_in, toPlatformDate(now())).lastInsertRowid);
      writeLinks(scheduleid, fields);
      return find(scheduleid);
    }),
    update: db.transaction((scheduleid: number, change: Partial<ScheduleFields>): StoredSchedule => {
      const fields = checked({ ...find(scheduleid), ...change }, scheduleid);
      update.run(fields.name, fields.timezone, JSON.stringify(fields.windows), fields.first_person_in, scheduleid);
      writeLinks(scheduleid, fields);
      return find(scheduleid);
    }),
    remove: db.transaction((scheduleid: number): StoredSchedule => {
      const schedule = find(scheduleid);
      removeSchedule.run(scheduleid);
      return schedule;
    }),
    /** The lockids a schedule drives now (directly and through its groups). */
    locksOf: (scheduleid: number): string[] => [...new Set(allDriven.all().filter((r) => r.scheduleid === scheduleid).map((r) => r.lockid))],
    /** Every driven lock, or those among `lockids`. */
    driven(lockids?: readonly string[]): DrivenLock[] {
      if (anyTarget.get() === 0) return [];
      return groupDriven(lockids ? drivenAmong.all(JSON.stringify(lockids)) : allDriven.all());
    },
    setState: (lockid: string, state: DrivenLock['schedule_state'], overrideUntil: string | null) => stateOf.run(state, overrideUntil, lockid),
    /** Forgets what the scheduler kept on locks no schedule drives any more. */
    clearUndriven: () => clearUndriven.run().changes,
    holidays: {
      page(pagenumber: number, limit: number): { totalCount: number; holidays: Holiday[] } {
        return { totalCount: countHolidays.get() as number, holidays: holidayPage.all(limit, (pagenumber - 1) * limit) };
      },
      create(h: Omit<Holiday, 'holidayid'>): Holiday {
        const holidayid = Number(insertHoliday.run(h.name, h.start_date, h.end_date, h.yearly).lastInsertRowid);
        return holidayRow.get(holidayid) as Holiday;
      },
      update(holidayid: number, h: Omit<Holiday, 'holidayid'>): Holiday {
        if (updateHoliday.run(h.name, h.start_date, h.end_date, h.yearly, holidayid).changes === 0) throw noSuchHoliday(holidayid);
        return holidayRow.get(holidayid) as Holiday;
      },
      remove(holidayid: number): Holiday {
        const holiday = holidayRow.get(holidayid);
        if (!holiday) throw noSuchHoliday(holidayid);
        removeHoliday.run(holidayid);
        return holiday;
      },
    },
  };
}
