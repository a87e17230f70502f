import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { signIn } from './session';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })));
}

describe('signIn', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts the gateway\'s refusal of the form in words a person understands', async () => {
    answer(400, { status: 0, msg: 'email: email must be an email address' });
    await expect(signIn('x', 'y')).rejects.toThrow('Enter an email address such as name@example.com.');
    answer(400, { status: 0, msg: 'password: password is required' });
    await expect(signIn('a@example.com', '')).rejects.toThrow('Enter your password.');
  });

  it('passes a wrong password and a countdown on as they are', async () => {
    answer(401, { status: 0, msg: 'Invalid email or password' });
    await expect(signIn('a@example.com', 'nope')).rejects.toThrow('Invalid email or password');
    answer(429, { status: 0, msg: 'Too many failed sign-ins. Try again in 42 seconds.' }, { 'retry-after': '42' });
    const error = await signIn('a@example.com', 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).retryAfter).toBe(42);
  });
});
