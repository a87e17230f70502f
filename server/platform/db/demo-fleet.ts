import { toPlatformDate } from '../../../contract/envelope';
import type { EventMethod } from '../../../contract/events';
import type { Rng } from './prng';

/** The account that owns every demo lock (the vendor's sample uses 2 as well). */
export const DEMO_LOCK_USER_ID = 2;

export interface LockModel {
  code: string;
  /** File under uploads/product_images/. */
  picture: string;
  /** How people open a door fitted with it, most common first. */
  methods: readonly EventMethod[];
}

export const LOCK_MODELS: readonly LockModel[] = [
  { code: 'ARH3EM', picture: 'arh3em.jpg', methods: ['keypad', 'app'] },
  { code: 'ARK2DB', picture: 'ark2db.jpg', methods: ['keypad', 'app'] },
  { code: 'ARF5LV', picture: 'arf5lv.jpg', methods: ['fingerprint', 'app', 'keypad'] },
  { code: 'ARC7RF', picture: 'arc7rf.jpg', methods: ['card', 'app'] },
  { code: 'ARG1GL', picture: 'arg1gl.jpg', methods: ['card', 'fingerprint', 'app'] },
];

export function modelByCode(code: string): LockModel {
  return LOCK_MODELS.find((m) => m.code === code) ?? (LOCK_MODELS[0] as LockModel);
}

/** A door kind: `{n}` is replaced by a number from `range`; `model` forces a lock model. */
interface DoorKind {
  name: string;
  range?: readonly [number, number];
  model?: string;
  /** How busy the door is: uses per working day. */
  traffic: number;
}

export interface Site {
  name: string;
  network: string;
  models: readonly (readonly [string, number])[];
  doors: readonly DoorKind[];
}

export const SITES: readonly Site[] = [
  {
    name: 'HQ',
    network: 'HQ-Secure',
    models: [['ARH3EM', 4], ['ARC7RF', 3], ['ARF5LV', 2]],
    doors: [
      { name: 'Main Entrance', model: 'ARG1GL', traffic: 60 },
      { name: 'Reception', traffic: 30 },
      { name: 'Server Room', model: 'ARF5LV', traffic: 6 },
      { name: 'Boardroom', traffic: 8 },
      { name: 'Room {n}', range: [201, 420], traffic: 10 },
      { name: 'IT Closet Floor {n}', range: [1, 6], model: 'ARF5LV', traffic: 3 },
      { name: 'Mail Room', traffic: 8 },
      { name: 'Roof Access', model: 'ARK2DB', traffic: 1 },
      { name: 'Bike Storage', model: 'ARK2DB', traffic: 12 },
      { name: 'Executive Suite', model: 'ARF5LV', traffic: 10 },
      { name: 'Supply Closet', traffic: 5 },
    ],
  },
  {
    name: 'Riverside Warehouse',
    network: 'Riverside-IoT',
    models: [['ARK2DB', 4], ['ARH3EM', 3], ['ARC7RF', 2]],
    doors: [
      { name: 'Loading Dock {n}', range: [1, 24], model: 'ARK2DB', traffic: 20 },
      { name: 'Cold Storage', traffic: 14 },
      { name: 'Dispatch Office', traffic: 18 },
      { name: 'Gate {n}', range: [1, 8], model: 'ARC7RF', traffic: 25 },
      { name: 'Tool Crib', traffic: 9 },
      { name: 'Break Room', traffic: 20 },
      { name: 'Hazmat Cage', model: 'ARF5LV', traffic: 2 },
      { name: 'Security Office', model: 'ARF5LV', traffic: 8 },
    ],
  },
  {
    name: 'Northgate Clinic',
    network: 'Northgate-Staff',
    models: [['ARC7RF', 4], ['ARF5LV', 3], ['ARH3EM', 2]],
    doors: [
      { name: 'Pharmacy', model: 'ARF5LV', traffic: 16 },
      { name: 'Exam Room {n}', range: [1, 30], traffic: 12 },
      { name: 'Records Room', model: 'ARF5LV', traffic: 6 },
      { name: 'Staff Entrance', model: 'ARC7RF', traffic: 40 },
      { name: 'Lab', traffic: 14 },
      { name: 'Medication Store', model: 'ARF5LV', traffic: 8 },
      { name: 'Supply Room', traffic: 7 },
      { name: 'Ambulance Bay', model: 'ARG1GL', traffic: 10 },
    ],
  },
  {
    name: 'Harbor Lofts',
    network: 'HarborLofts-Residents',
    models: [['ARH3EM', 5], ['ARK2DB', 3]],
    doors: [
      { name: 'Unit {n}', range: [101, 812], traffic: 6 },
      { name: 'Lobby', model: 'ARG1GL', traffic: 50 },
      { name: 'Mailroom', traffic: 20 },
      { name: 'Gym', model: 'ARC7RF', traffic: 15 },
      { name: 'Rooftop Deck', traffic: 6 },
      { name: 'Bike Storage', model: 'ARK2DB', traffic: 10 },
      { name: 'Package Room', traffic: 22 },
      { name: 'Storage Cage {n}', range: [1, 60], model: 'ARK2DB', traffic: 1 },
    ],
  },
  {
    name: 'Elm Street School',
    network: 'ElmStreet-Facilities',
    models: [['ARC7RF', 4], ['ARH3EM', 3]],
    doors: [
      { name: 'Classroom {n}', range: [1, 40], traffic: 8 },
      { name: 'Gym', traffic: 10 },
      { name: 'Library', traffic: 12 },
      { name: 'Main Office', model: 'ARG1GL', traffic: 30 },
      { name: 'Science Lab', traffic: 6 },
      { name: 'Music Room', traffic: 5 },
      { name: 'Nurse Office', model: 'ARF5LV', traffic: 9 },
      { name: 'Side Entrance', traffic: 20 },
    ],
  },
  {
    name: 'Lakeview Hotel',
    network: 'Lakeview-Ops',
    models: [['ARC7RF', 6], ['ARH3EM', 1]],
    doors: [
      { name: 'Room {n}', range: [101, 640], traffic: 5 },
      { name: 'Service Entrance', model: 'ARK2DB', traffic: 25 },
      { name: 'Linen Room', traffic: 12 },
      { name: 'Kitchen', traffic: 20 },
      { name: 'Ballroom', traffic: 4 },
      { name: 'Spa', model: 'ARF5LV', traffic: 9 },
      { name: 'Staff Lockers', traffic: 18 },
    ],
  },
  {
    name: 'Westfield Data Center',
    network: 'Westfield-DC',
    models: [['ARF5LV', 4], ['ARC7RF', 3]],
    doors: [
      { name: 'Cage {n}', range: [1, 120], traffic: 2 },
      { name: 'Server Hall {n}', range: [1, 8], traffic: 10 },
      { name: 'Loading Bay', model: 'ARK2DB', traffic: 6 },
      { name: 'NOC', traffic: 14 },
      { name: 'Battery Room', traffic: 2 },
      { name: 'Generator Room', model: 'ARK2DB', traffic: 1 },
      { name: 'Mantrap {n}', range: [1, 4], model: 'ARG1GL', traffic: 30 },
    ],
  },
  {
    name: 'Cedar Court Offices',
    network: 'CedarCourt-Building',
    models: [['ARH3EM', 3], ['ARC7RF', 3], ['ARG1GL', 1]],
    doors: [
      { name: 'Suite {n}', range: [100, 480], traffic: 12 },
      { name: 'Lobby', model: 'ARG1GL', traffic: 45 },
      { name: 'Conference Room {n}', range: [1, 12], traffic: 8 },
      { name: 'Copy Room', traffic: 10 },
      { name: 'Roof Access', model: 'ARK2DB', traffic: 1 },
      { name: 'Parking Entrance', model: 'ARC7RF', traffic: 35 },
    ],
  },
];

export interface SeedLock {
  lockid: string;
  lockuserid: number;
  lockname: string;
  lock_open_status: 0 | 1;
  lock_online_status: 0 | 1;
  battery_level: number | null;
  lock_ssid: string;
  lock_password: string;
  mac_address: string | null;
  temperature: number | null;
  lock_model: string;
  online_updated_date: string;
  lock_pic: string;
  /** Uses per working day, for the history and the simulator. */
  traffic: number;
}

const HEX = '0123456789ABCDEF';
const PASSWORD_CHARS = 'abcdefghijkmnopqrstuvwxyz23456789';
/** A few believable vendor prefixes (OUIs) for the MACs. */
const OUIS = ['A4:C1:38', '7C:DF:A1', '24:6F:28', 'DC:A6:32'];

function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += HEX[rng.int(0, 15)];
  return out;
}

function macAddress(rng: Rng): string {
  const tail = [hex(rng, 2), hex(rng, 2), hex(rng, 2)].join(':');
  return `${rng.pick(OUIS)}:${tail}`;
}

function password(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 8; i += 1) out += PASSWORD_CHARS[rng.int(0, PASSWORD_CHARS.length - 1)];
  return out;
}

function batteryLevel(rng: Rng): number | null {
  return rng.weighted<() => number | null>([
    [() => null, 4],
    [() => rng.int(1, 10), 3],
    [() => rng.int(11, 20), 6],
    [() => rng.int(21, 45), 17],
    [() => rng.int(46, 100), 70],
  ])();
}

function temperature(rng: Rng): number | null {
  if (rng.chance(0.05)) return null;
  return rng.int(34, 56) / 2; // 17 °C – 28 °C in half degrees
}

/**
 * The demo fleet: `count` locks spread over the sites, each named "<Site> · <Door>". Deterministic
 * for a given rng seed and `now`.
 */
export function generateFleet(count: number, rng: Rng, now: Date): SeedLock[] {
  const locks: SeedLock[] = [];
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();
  const nextNumber = new Map<string, number>();
  const nowMs = now.getTime();
  for (let i = 0; i < count; i += 1) {
    const site = SITES[i % SITES.length] as Site;
    let door = rng.pick(site.doors);
    if (!door.range && usedNames.has(`${site.name} · ${door.name}`)) {
      door = rng.pick(site.doors.filter((d) => d.range));
    }
    let lockname = `${site.name} · ${door.range ? door.name.replace('{n}', String(rng.int(door.range[0], door.range[1]))) : door.name}`;
    if (usedNames.has(lockname)) {
      // Past the door numbers a site really has (fleets of thousands): keep counting upwards.
      const key = `${site.name}|${door.name}`;
      let n = nextNumber.get(key) ?? (door.range ? door.range[1] + 1 : 2);
      do {
        lockname = `${site.name} · ${door.range ? door.name.replace('{n}', String(n)) : `${door.name} ${n}`}`;
        n += 1;
      } while (usedNames.has(lockname));
      nextNumber.set(key, n);
    }
    usedNames.add(lockname);

    let lockid = `EM${hex(rng, 6)}`;
    while (usedIds.has(lockid)) lockid = `EM${hex(rng, 6)}`;
    usedIds.add(lockid);

    const model = door.model ?? rng.weighted(site.models);
    const online: 0 | 1 = rng.chance(0.86) ? 1 : 0;
    const lastSeenMs = online
      ? nowMs - rng.int(5, 30 * 60) * 1000
      : nowMs - rng.int(20 * 60, 6 * 24 * 3600) * 1000;
    locks.push({
      lockid,
      lockuserid: DEMO_LOCK_USER_ID,
      lockname,
      lock_open_status: rng.chance(0.12) ? 1 : 0,
      lock_online_status: online,
      battery_level: batteryLevel(rng),
      lock_ssid: rng.chance(0.7) ? lockid : site.network,
      lock_password: password(rng),
      mac_address: rng.chance(0.08) ? null : macAddress(rng),
      temperature: temperature(rng),
      lock_model: model,
      online_updated_date: toPlatformDate(new Date(lastSeenMs)),
      lock_pic: rng.chance(0.04) ? '' : `/api/uploads/product_images/${modelByCode(model).picture}`,
      traffic: door.traffic,
    });
  }
  return locks;
}
