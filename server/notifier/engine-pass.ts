import type { AlertRule, RuleKind } from '../../contract/team-alerts';
import { type AlertAction, type EngineState, type LockSnapshot, type OpenAlert, drop } from './engine-types';
import { ruleCovers } from './schedule';

/** What one step works on: a copy of the state, the open alerts as they stand, and the actions so far. */
export class Pass {
  readonly actions: AlertAction[] = [];
  readonly open: Map<string, OpenAlert>;
  /** Where each key's latest action is in `actions` (an update finds it without a scan). */
  private readonly latest = new Map<string, number>();
  wantsList = false;

  constructor(
    readonly state: EngineState,
    openAlerts: Iterable<OpenAlert>,
    readonly rules: readonly AlertRule[],
    readonly locks: LockSnapshot | null,
    readonly now: number,
    readonly timeZone: string,
  ) {
    this.open = new Map([...openAlerts].map((a) => [a.key, a]));
  }

  groupsOf(lockid: string): number[] {
    return this.locks?.locks[lockid]?.groupids ?? [];
  }

  /** The enabled rules of a kind that fire for a condition at `lockid` begun at `began`. */
  rulesFor(kind: RuleKind, lockid: string, began: number): AlertRule[] {
    return this.rules.filter((r) => r.enabled && r.kind === kind && ruleCovers(r, lockid, this.groupsOf(lockid), began));
  }

  isOpen(key: string): boolean {
    return this.open.has(key);
  }

  openAlert(rule: AlertRule, key: string, lockid: string | null, lockname: string | null, text: { title: string; detail: string }, at: number, groupid: number | null = null): void {
    this.open.set(key, { key, ruleid: rule.ruleid, kind: rule.kind, lockid });
    this.push({ op: 'open', key, rule, kind: rule.kind, lockid, lockname, ...(groupid === null ? {} : { groupid }), ...text, at });
  }

  private push(action: AlertAction): void {
    this.latest.set(action.key, this.actions.length);
    this.actions.push(action);
  }

  update(key: string, text: { title: string; detail: string }): void {
    const index = this.latest.get(key);
    const earlier = index === undefined ? undefined : this.actions[index];
    // Opened or updated earlier in this pass: told once, as it stands now.
    if (index !== undefined && earlier && earlier.op !== 'resolve') this.actions[index] = { ...earlier, ...text };
    else this.push({ op: 'update', key, ...text });
  }

  resolve(key: string, detail: string): void {
    if (!this.open.delete(key)) return;
    drop(this.state.counts, key);
    this.push({ op: 'resolve', key, detail });
  }

  /** Resolves every open alert of these kinds at a lock. */
  resolveAt(lockid: string, kinds: readonly string[], detail: string): void {
    for (const alert of [...this.open.values()]) {
      if (alert.lockid === lockid && kinds.includes(alert.kind)) this.resolve(alert.key, detail);
    }
  }
}

export const lockKey = (rule: AlertRule, lockid: string) => `rule:${rule.ruleid}:lock:${lockid}`;
