import { z } from 'zod';
import { ROLES } from './constants';

export { ROLES, type Role } from './constants';

export const userSchema = z.strictObject({
  userid: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
});
export type User = z.infer<typeof userSchema>;

export const loginBodySchema = z.strictObject({
  email: z.email({ error: 'email must be an email address' }).max(254, 'email is too long'),
  password: z
    .string({ error: 'password is required' })
    .min(1, 'password is required')
    .max(1024, 'password is too long'),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/**
 * Upstream `POST /api/login`: the token never leaves the gateway. Read leniently: a real host may
 * add fields to its answer and its user, which are dropped rather than failing every sign-in.
 */
export const loginResponseSchema = z.object({
  status: z.literal(1),
  msg: z.string().catch(''),
  token: z.string().min(16),
  user: z.object(userSchema.shape),
});

/** What the gateway answers on `POST /api/login` and `GET /api/me`. */
export interface SessionUserResponse {
  status: 1;
  msg: string;
  user: User;
}
