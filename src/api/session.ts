import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';
import type { User } from '@contract/auth';
import { ROLES } from '@contract/constants';
import { ApiError, getJson, request } from './client';

/** Who is signed in, and if nobody is, why: so the sign-in page can say "Your session has expired". */
export interface SessionState {
  user: User | null;
  ended?: 'expired' | 'signed-out' | 'signed-out-elsewhere';
}

const userSchema = v.object({
  userid: v.number(),
  name: v.string(),
  email: v.string(),
  role: v.picklist(ROLES),
});

function parseUser(body: Record<string, unknown>): User {
  const parsed = v.safeParse(userSchema, body.user);
  if (!parsed.success) throw new ApiError(200, 'The server sent an unreadable account.');
  return parsed.output;
}

export const sessionQueries = {
  all: () => ['session'] as const,
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'] as const,
      queryFn: async ({ signal }): Promise<SessionState> => {
        try {
          return { user: parseUser(await getJson('/api/me', {}, signal)) };
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) return { user: null };
          throw error;
        }
      },
      staleTime: Infinity,
    }),
};

/** What to say when the server refuses the form itself (a 400 names the field, in its own words). */
export const SIGN_IN_MESSAGES = {
  email: 'Enter an email address such as name@example.com.',
  password: 'Enter your password.',
  tooLong: 'That is longer than any email address or password can be.',
} as const;

function friendlyFormError(error: ApiError): ApiError {
  const text = error.message.toLowerCase();
  const message = text.includes('too long')
    ? SIGN_IN_MESSAGES.tooLong
    : text.startsWith('password')
      ? SIGN_IN_MESSAGES.password
      : SIGN_IN_MESSAGES.email;
  return new ApiError(error.status, message, error.retryAfter);
}

export async function signIn(email: string, password: string): Promise<User> {
  try {
    return parseUser(await request('/api/login', { method: 'POST', body: { email, password } }));
  } catch (error) {
    throw error instanceof ApiError && error.status === 400 ? friendlyFormError(error) : error;
  }
}

export async function signOut(): Promise<void> {
  await request('/api/logout', { method: 'POST' });
}

/** Seconds to wait, from a 429's Retry-After, when the server sent one. */
export function retryAfterSeconds(error: unknown): number | null {
  return error instanceof ApiError && error.retryAfter !== null ? error.retryAfter : null;
}
