import { describe, expect, it } from 'vitest';
import { describeGrantCount, describeOffboarding, fieldOfPersonError, parseUserId, readPeopleView, writePeopleView } from './people-view';

describe('the people list in the URL', () => {
  it('reads the search and the page leniently', () => {
    const none = { role: null, status: null, department: '' };
    expect(readPeopleView(new URLSearchParams('q=%20jamal%20&page=3'))).toEqual({ q: 'jamal', page: 3, ...none });
    expect(readPeopleView(new URLSearchParams('page=0'))).toEqual({ q: '', page: 1, ...none });
    expect(readPeopleView(new URLSearchParams('page=2.5'))).toEqual({ q: '', page: 1, ...none });
    expect(readPeopleView(new URLSearchParams('page=abc'))).toEqual({ q: '', page: 1, ...none });
    expect(readPeopleView(new URLSearchParams('role=4&status=suspended&department=%20Ops%20'))).toMatchObject({ role: 4, status: 'suspended', department: 'Ops' });
    expect(readPeopleView(new URLSearchParams('role=x&status=gone'))).toMatchObject({ role: null, status: null });
    expect(readPeopleView(new URLSearchParams(`q=${'x'.repeat(300)}`)).q).toHaveLength(100);
  });

  it('starts a new search on page 1, and keeps other parameters', () => {
    const next = writePeopleView(new URLSearchParams('q=old&page=4&other=1'), { q: 'new' });
    expect(next.get('q')).toBe('new');
    expect(next.has('page')).toBe(false);
    expect(next.get('other')).toBe('1');
  });

  it('a filter starts again at page 1; clearing one drops it from the address', () => {
    expect(writePeopleView(new URLSearchParams('page=3'), { role: 4 }).toString()).toBe('role=4');
    expect(writePeopleView(new URLSearchParams('role=4&status=archived'), { role: null }).toString()).toBe('status=archived');
    expect(writePeopleView(new URLSearchParams(''), { department: 'Ops', status: 'suspended' }).toString()).toBe('status=suspended&department=Ops');
  });

  it('drops an empty search and page 1 from the address', () => {
    expect(writePeopleView(new URLSearchParams('q=a&page=2'), { q: '' }).toString()).toBe('');
    expect(writePeopleView(new URLSearchParams('q=a'), { page: 2 }).toString()).toBe('q=a&page=2');
    expect(writePeopleView(new URLSearchParams('q=a&page=2'), { page: 1 }).toString()).toBe('q=a');
  });
});

describe('counts in words', () => {
  it('says grants, or no access', () => {
    expect(describeGrantCount(0)).toBe('No access');
    expect(describeGrantCount(1)).toBe('1 grant');
    expect(describeGrantCount(3)).toBe('3 grants');
  });

  it('reports an offboarding', () => {
    expect(describeOffboarding(4, 'Jamal Carter')).toBe('Ended 4 grants for Jamal Carter');
    expect(describeOffboarding(1, 'Ada')).toBe('Ended 1 grant for Ada');
    expect(describeOffboarding(0, 'Ada')).toBe('Ada had no access to end');
  });
});

describe('the platform’s refusals, by field', () => {
  it('puts a bad email, a taken email, a bad phone and a missing name by their fields', () => {
    expect(fieldOfPersonError('email: email must look like name@example.com')).toEqual({
      field: 'email',
      message: 'The email must look like name@example.com.',
    });
    expect(fieldOfPersonError('email: amara@example.com already belongs to someone else')).toEqual({
      field: 'email',
      message: 'amara@example.com already belongs to someone else.',
    });
    expect(fieldOfPersonError('phone: phone must be a phone number such as +1 555 0100').field).toBe('phone');
    expect(fieldOfPersonError('username: username must not be empty')).toEqual({ field: 'name', message: 'The name must not be empty.' });
  });

  it('keeps any other message whole, about no field', () => {
    expect(fieldOfPersonError('The request body is not valid JSON')).toEqual({ field: null, message: 'The request body is not valid JSON' });
    expect(fieldOfPersonError('role: unknown field')).toEqual({ field: null, message: 'role: unknown field' });
  });
});

describe('a userid from the address', () => {
  it('accepts positive whole numbers only', () => {
    expect(parseUserId('42')).toBe(42);
    expect(parseUserId('0')).toBeNull();
    expect(parseUserId('-1')).toBeNull();
    expect(parseUserId('4.2')).toBeNull();
    expect(parseUserId('abc')).toBeNull();
    expect(parseUserId('9'.repeat(20))).toBeNull();
  });
});
