import { sessionKey } from './session-deny-list';
import type { UpstreamAnswer } from './upstream-answer';

/**
 * How the gateway tells that the platform no longer takes a session's token (DESIGN.md, Security),
 * for the relay and the gateway's own requests alike:
 * - a 401, or a redirect answering an /api call (a host sending the browser to its sign-in page),
 *   end the session at once;
 * - a refusal that may or may not be about the token — `status: 0` with HTTP 200 (how the vendor
 *   reports every failure, an expired token included, in words that vary by host), a 400 or 403
 *   with `status: 0`, a bare 403, or a sign-in page (a password field) with HTTP 200 — is put to
 *   the probe: the same token asks `GET /api/locks?pagenumber=1&limit=1`, the documented call,
 *   which works for any good token. Refused there too (any of the above), the token is no good.
 *
 * A search or validation failure is refused on purpose and the probe then succeeds: the session
 * stays. The probe's verdict is kept per token for a while, so a host answering `status: 0` to
 * every keystroke of a search costs one probe, not one per answer; the probe's own answer is never
 * probed.
 */
export const PROBE_PATH = '/api/locks?pagenumber=1&limit=1';
/** How long a probe's verdict about a token holds. */
export const VERDICT_MS = 30_000;

export type Signal = 'signed-out' | 'ask' | 'none';
export type Verdict = 'signed-out' | 'valid' | 'unknown';

function flagOf(answer: UpstreamAnswer): unknown {
  return answer.kind === 'json' && typeof answer.body === 'object' && answer.body !== null ? (answer.body as { status?: unknown }).status : undefined;
}

/** What one answer to a request carrying a token says about that token. */
export function signOutSignal(status: number, answer: UpstreamAnswer): Signal {
  if (status === 401) return 'signed-out';
  if (status >= 300 && status < 400 && status !== 304) return 'signed-out';
  const refused = flagOf(answer) === 0;
  if (refused && ((status >= 200 && status < 300) || status === 400 || status === 403)) return 'ask';
  if (status === 403) return 'ask';
  if (answer.kind === 'not-json' && answer.signInPage && status === 200) return 'ask';
  return 'none';
}

/** What the probe's answer says: refused in any of the ways above is "signed out". */
export function probeVerdict(status: number, answer: UpstreamAnswer): Verdict {
  if (signOutSignal(status, answer) !== 'none') return 'signed-out';
  return status === 200 && flagOf(answer) === 1 ? 'valid' : 'unknown';
}

/** Asks the probe for one token (never itself checked); 'unknown' when the platform failed. */
export type Probe = (token: string) => Promise<Verdict>;

/** The probe's verdicts, per token, for VERDICT_MS; one probe in flight per token. */
export class SignedOutCheck {
  private readonly verdicts = new Map<string, { verdict: Verdict; at: number }>();
  private readonly inFlight = new Map<string, Promise<Verdict>>();

  constructor(
    private readonly probe: Probe,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `answer` (to a request for `path` with `token`) means the token is no longer good. */
  async signedOut(token: string, path: string, status: number, answer: UpstreamAnswer): Promise<boolean> {
    const signal = signOutSignal(status, answer);
    if (signal === 'none') return false;
    const key = sessionKey(token);
    if (signal === 'signed-out') {
      this.remember(key, 'signed-out');
      return true;
    }
    // The answer to the probe's own request is already the probe's answer.
    if (path === PROBE_PATH) {
      this.remember(key, 'signed-out');
      return true;
    }
    return (await this.verdictFor(token, key)) === 'signed-out';
  }

  private verdictFor(token: string, key: string): Promise<Verdict> {
    const known = this.verdicts.get(key);
    if (known && this.now() - known.at < VERDICT_MS) return Promise.resolve(known.verdict);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.probe(token)
        .catch((): Verdict => 'unknown')
        .then((verdict) => {
          // A failed probe says nothing: the next refusal asks again.
          if (verdict !== 'unknown') this.remember(key, verdict);
          return verdict;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private remember(key: string, verdict: Verdict) {
    if (this.verdicts.size >= 10_000) {
      const now = this.now();
      for (const [k, v] of this.verdicts) if (now - v.at >= VERDICT_MS) this.verdicts.delete(k);
    }
    this.verdicts.set(key, { verdict, at: this.now() });
  }
}
