import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, type Ref, useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { ApiError } from '@/api/client';
import { SIGN_IN_MESSAGES, retryAfterSeconds, sessionQueries, signIn } from '@/api/session';
import { Button } from '@/components/button';
import { WarningIcon } from '@/components/icons';
import { emailKey, isEmailAddress } from '@/lib/email';
import { useHydrated } from '@/lib/use-hydrated';
import { announce, forgetUserData } from './session-events';

const NOTICES: Record<string, string> = {
  expired: 'Your session has expired. Sign in again to continue.',
  'signed-out': 'You have signed out.',
  'signed-out-elsewhere': 'You signed out in another tab.',
};

/** Where to go after signing in: a path of this app only (never another site, never back here). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/locks';
  return next;
}

const field =
  'block min-h-10 w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-invalid:ring-2 aria-invalid:ring-red-600 dark:bg-slate-950 dark:text-white dark:ring-slate-700 dark:aria-invalid:ring-red-400';

type Field = 'email' | 'password';
type Problem = { text: string; field: Field };

/** What is wrong with the form before it goes to the gateway, and in which field. */
function formProblem(email: string, password: string): Problem | null {
  if (!email.trim()) return { text: 'Enter your email address.', field: 'email' };
  if (!isEmailAddress(email.trim())) return { text: SIGN_IN_MESSAGES.email, field: 'email' };
  if (!password) return { text: SIGN_IN_MESSAGES.password, field: 'password' };
  return null;
}

/** The line over the form: the field's problem, the countdown, or why the gateway refused. */
function problemMessage(problem: Problem | null, waitSeconds: number, serverError: unknown): string | null {
  if (problem) return problem.text;
  if (waitSeconds > 0) return `Too many failed sign-ins with this email. Try again in ${waitSeconds} second${waitSeconds === 1 ? '' : 's'}, or use another account.`;
  if (serverError instanceof ApiError) return serverError.message;
  return serverError ? 'Signing in failed. Please try again.' : null;
}

/** One labelled input of the form; `invalid` points it at the problem line. */
function LoginField({ label, invalid, ...input }: { label: string; invalid: boolean } & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <div>
      <label htmlFor={input.id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input {...input} required aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? 'login-problem' : undefined} className={field} />
    </div>
  );
}

function Brand() {
  return (
    <div className="mb-6 flex items-center gap-2">
      <svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" className="fill-indigo-600 dark:fill-indigo-500" />
        <path d="M11 14v-3a5 5 0 0 1 10 0v3" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
        <rect x="8" y="14" width="16" height="12" rx="2.5" fill="#fff" />
      </svg>
      <span className="text-xl font-semibold tracking-tight">Lockboard</span>
    </div>
  );
}

/** The embedded platform's demo accounts, so that a first run can sign in. */
function DemoAccounts() {
  return (
    <div className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-500/10 dark:text-amber-100">
      <p className="font-semibold">Demo platform</p>
      <p>
        Manager: <span className="font-mono">manager@lockboard.local</span> / <span className="font-mono">lockboard-manager</span>
      </p>
      <p>
        Support: <span className="font-mono">support@lockboard.local</span> / <span className="font-mono">lockboard-support</span>
      </p>
    </div>
  );
}

/** A countdown per email: the gateway counts failures per address (and, far higher, per device). */
function useSignInWaits() {
  const [waits, setWaits] = useState<ReadonlyMap<string, number>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const latest = Math.max(0, ...waits.values());
  useEffect(() => {
    if (latest <= now) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [latest, now]);
  return {
    secondsFor: (email: string) => Math.max(0, Math.ceil(((waits.get(emailKey(email)) ?? 0) - now) / 1000)),
    wait: (email: string, seconds: number) => {
      const at = Date.now();
      setNow(at);
      setWaits((current) => new Map(current).set(emailKey(email), at + seconds * 1000));
    },
  };
}

/**
 * The sign-in form. The server renders it (entry-server.tsx), so a person may type before the app
 * has hydrated: the fields are uncontrolled, so that what the browser holds (typed, pasted or filled
 * in by a password manager, before or after hydration) is what the submit reads (FormData), and
 * hydration leaves it as it is (React keeps an input's value while hydrating; a controlled field's
 * next render would have written its empty state over it). Until hydrated, the submit button is
 * disabled: a click or an Enter then does nothing, rather than a native submission that would put
 * the password in the address (a GET to this page).
 */
export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const config = useQuery(appConfigQuery).data;
  const me = useQuery(sessionQueries.me());
  const next = safeNext(params.get('next'));
  // The email as typed, for its countdown; the fields themselves hold the values (see above).
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const waits = useSignInWaits();
  const hydrated = useHydrated();
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  // An email typed before hydration has its countdown too.
  useEffect(() => {
    const typed = emailInput.current?.value;
    if (typed) setEmail(typed);
  }, []);

  const login = useMutation({
    mutationFn: (form: { email: string; password: string }) => signIn(form.email, form.password),
    onSuccess: (user) => {
      forgetUserData(queryClient);
      queryClient.setQueryData(sessionQueries.me().queryKey, { user });
      void queryClient.invalidateQueries({ queryKey: appConfigQuery.queryKey });
      announce({ type: 'signed-in' });
      void navigate(next, { replace: true });
    },
    onError: (error, form) => {
      if (error instanceof ApiError && error.status === 429) waits.wait(form.email, retryAfterSeconds(error) ?? 60);
      // A wrong password is not left in the field: the next try starts from an empty one.
      if (error instanceof ApiError && error.status === 401 && passwordInput.current) {
        passwordInput.current.value = '';
        passwordInput.current.focus();
      }
    },
  });

  if (me.data?.user && !login.isPending) return <Navigate to={next} replace />;

  const waitSeconds = waits.secondsFor(email);
  const throttled = waitSeconds > 0;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typedEmail = String(form.get('email') ?? '');
    const typedPassword = String(form.get('password') ?? '');
    const found = formProblem(typedEmail, typedPassword);
    setProblem(found);
    if (found) {
      login.reset();
      document.getElementById(`login-${found.field}`)?.focus();
      return;
    }
    if (!login.isPending && waits.secondsFor(typedEmail) === 0) login.mutate({ email: typedEmail.trim(), password: typedPassword });
  };

  // A 429 speaks for the email it was about: another address may try (its countdown is its own).
  const serverError = login.error instanceof ApiError && login.error.status === 429 && !throttled ? null : login.error;
  const message = problemMessage(problem, waitSeconds, serverError);
  const notice = NOTICES[params.get('reason') ?? ''];

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <Brand />
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-5 text-sm text-slate-600 dark:text-slate-300">Use your Plus Platform account.</p>
          {notice && !message && (
            <p role="status" className="mb-4 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 dark:bg-indigo-500/15 dark:text-indigo-100">
              {notice}
            </p>
          )}
          {message && (
            <p id="login-problem" role="alert" className="mb-4 flex gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-500/15 dark:text-red-100">
              <WarningIcon className="mt-0.5 shrink-0" />
              <span>{message}</span>
            </p>
          )}
          <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
            <LoginField
              label="Email"
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              maxLength={254}
              ref={emailInput}
              invalid={problem?.field === 'email'}
              onChange={(event) => setEmail(event.target.value)}
            />
            <LoginField
              label="Password"
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={1024}
              ref={passwordInput}
              invalid={problem?.field === 'password'}
            />
            <Button type="submit" variant="primary" className="min-h-10" disabled={!hydrated || login.isPending || throttled}>
              {login.isPending ? 'Signing in…' : 'Sign in'}
            </Button>
          </form>
        </div>
        {config?.mode === 'embedded' && <DemoAccounts />}
      </div>
    </main>
  );
}

export default LoginPage;
