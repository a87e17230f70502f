import { describe, expect, it } from 'vitest';
import type { ContactRow } from '@/api/alert-settings';
import { contactNames, daysText, escalationText, scheduleText, scopeText, whatText, whenText } from './rule-text';

const contacts: ContactRow[] = [
  { contactid: 1, name: 'On-call', channel: 'email', address: 'a@example.com', enabled: true, failing: false, lastDelivery: null },
  { contactid: 2, name: 'Facilities', channel: 'slack', address: 'https://hooks.slack.com/x', enabled: true, failing: false, lastDelivery: null },
];
const groupName = (id: number) => (id === 3 ? 'Server rooms' : undefined);

describe('a rule in words', () => {
  it('says what, with the threshold of a kind that takes one', () => {
    expect(whatText({ kind: 'left-unlocked', threshold_s: 600 })).toBe('Door left unlocked (10 min)');
    expect(whatText({ kind: 'secrets-burst', threshold_s: 90 })).toBe('Many secrets revealed (1.5 min)');
    expect(whatText({ kind: 'lockdown', threshold_s: 0 })).toBe('Lockdown started');
    expect(whatText({ kind: null, threshold_s: 0 })).toMatch(/does not know/);
  });

  it('names the scope', () => {
    expect(scopeText({ all: true }, groupName)).toBe('All locks');
    expect(scopeText({ groupids: [3] }, groupName)).toBe('Group: Server rooms');
    expect(scopeText({ groupids: [3, 9] }, groupName)).toBe('Groups: Server rooms, Group 9');
    expect(scopeText({ lockids: ['A', 'B', 'C'] }, groupName)).toBe('3 locks');
    expect(scopeText({ lockids: ['A'] }, groupName)).toBe('1 lock (A)');
    expect(scopeText(null, groupName)).toBe('Unknown scope');
  });

  it('writes the schedule with runs of days', () => {
    expect(scheduleText({ days: '12345', from: '20:00', to: '06:00', timezone: 'Europe/Berlin' })).toBe('Mon–Fri 20:00–06:00 Europe/Berlin');
    expect(scheduleText(null)).toBe('Always');
    expect(scheduleText('unreadable')).toBe('Unknown schedule');
    expect(whenText({ schedule: null, when: 'outside-schedule' })).toBe('Always, outside the door’s schedule');
    expect(daysText('1234567')).toBe('Every day');
    expect(daysText('1367')).toBe('Mon, Wed, Sat, Sun');
    expect(daysText('12357')).toBe('Mon–Wed, Fri, Sun');
  });

  it('names recipients and escalation, and says when there are none', () => {
    expect(contactNames([2, 1], contacts)).toBe('Facilities, On-call');
    expect(contactNames([], contacts)).toBeNull();
    expect(contactNames([5], contacts)).toBe('Contact 5 (removed)');
    expect(contactNames([1, 2], undefined)).toBe('2 contacts');
    expect(escalationText({ escalate_after_s: 900, escalate_contactids: [1] }, contacts)).toBe('After 15 min to On-call');
    expect(escalationText({ escalate_after_s: null, escalate_contactids: [] }, contacts)).toBe('None');
  });
});
