/** The demo sign-in accounts (embedded platform only) and the people who use the doors. */
export const DEMO_ACCOUNTS = [
  { userid: 2, name: 'Demo Manager', email: 'manager@lockboard.local', password: 'lockboard-manager', role: 'manager' },
  { userid: 3, name: 'Demo Support', email: 'support@lockboard.local', password: 'lockboard-support', role: 'support' },
] as const;

/** People (they cannot sign in); userids from 101 on. */
export const DEMO_PEOPLE: readonly string[] = [
  'Amara Okafor', 'Ben Castillo', 'Chloe Nguyen', 'Daniel Brooks', 'Elena Petrova', 'Farid Haddad',
  'Grace Kim', 'Hugo Laurent', 'Isabel Moreno', 'Jamal Carter', 'Keiko Tanaka', 'Liam O\u2019Connor',
  'Maya Patel', 'Nikolai Ivanov', 'Olivia Schmidt', 'Pedro Alves', 'Quinn Harper', 'Rosa Delgado',
  'Samuel Mensah', 'Tara Fitzgerald', 'Umar Siddiqui', 'Valeria Rossi', 'Wei Zhang', 'Ximena Torres',
  'Yusuf Demir', 'Zoe Whitfield', 'Aaron Lindqvist', 'Bianca Ferreira', 'Connor Walsh', 'Dana Abrams',
  'Emeka Eze', 'Freya Nilsson',
];

export const FIRST_PERSON_ID = 101;

/** A person's demo email: "Liam O’Connor" → "liam.oconnor@example.com". */
export function demoEmail(name: string): string {
  const local = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z\s]/g, '')
    .trim()
    .split(/\s+/)
    .join('.');
  return `${local}@example.com`;
}

/** A person's demo phone number, from the fictional 555-01xx range. */
export function demoPhone(index: number): string {
  return `+1 555-01${String(index % 100).padStart(2, '0')}`;
}
