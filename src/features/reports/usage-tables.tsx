import { Link } from 'react-router';
import { DENIAL_REASON_LABELS } from '@contract/event-labels';
import type { Denials, ReasonCount, Usage } from '@/api/reports';
import { nameLink, textLink } from '@/components/page-styles';
import { formatCount } from '@/lib/format';
import { ScrollBox } from './report-frame';
import { lockLink } from './report-view';

const none = (text: string) => <p className="text-sm text-slate-600 dark:text-slate-300">{text}</p>;

/** "Outside allowed hours: 4, Access expired: 1". */
export const reasonsText = (reasons: readonly ReasonCount[]) => reasons.map((r) => `${DENIAL_REASON_LABELS[r.reason]}: ${formatCount(r.count)}`).join(', ');

/** The busiest doors, each with a link to its page and one to narrow the report to it (`onlyLink`). */
export function BusiestDoorsTable({ locks, onlyLink }: { locks: Usage['locks']; onlyLink?: (lockid: string) => string }) {
  if (locks.length === 0) return none('No door was used in this period.');
  return (
    <ScrollBox label="The busiest doors table">
      <table className="report-table">
        <caption className="sr-only">The busiest doors</caption>
        <thead>
          <tr>
            <th scope="col">Door</th>
            <th scope="col" className="num">Uses</th>
            {onlyLink && <td />}
          </tr>
        </thead>
        <tbody>
          {locks.map((lock) => (
            <tr key={lock.lockid}>
              <th scope="row">
                <Link to={lockLink(lock.lockid)} className={nameLink}>
                  {lock.lockName}
                </Link>
              </th>
              <td className="num">{formatCount(lock.uses)}</td>
              {onlyLink && (
                <td>
                  <Link to={onlyLink(lock.lockid)} className={textLink} aria-label={`Only ${lock.lockName}`}>
                    Only this door
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** Refusals by reason, in words, most first, each leading to the refusals in Activity (`activity`: it has no reason filter). */
export function ReasonsTable({ reasons, activity }: { reasons: Denials['reasons']; activity: string }) {
  if (reasons.length === 0) return none('Nobody was refused in this period.');
  return (
    <table className="report-table">
      <caption className="sr-only">Refusals by reason</caption>
      <thead>
        <tr>
          <th scope="col">Reason</th>
          <th scope="col" className="num">Refused</th>
        </tr>
      </thead>
      <tbody>
        {reasons.map((r) => (
          <tr key={r.reason}>
            <th scope="row">
              <Link to={activity} className={nameLink} aria-label={`${DENIAL_REASON_LABELS[r.reason]}: refusals in Activity`}>
                {DENIAL_REASON_LABELS[r.reason]}
              </Link>
            </th>
            <td className="num">{formatCount(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The doors refusing most, each with its reasons and a link to its refusals in Activity. */
export function RefusedDoorsTable({ locks, activity }: { locks: Denials['locks']; activity: (lockid: string) => string }) {
  if (locks.length === 0) return none('No door refused anyone in this period.');
  return (
    <ScrollBox label="Refused attempts by door and reason table">
      <table className="report-table">
        <caption className="sr-only">Refused attempts by door and reason</caption>
        <thead>
          <tr>
            <th scope="col">Door</th>
            <th scope="col" className="num">Refused</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {locks.map((lock) => (
            <tr key={lock.lockid}>
              <th scope="row">
                <Link to={activity(lock.lockid)} className={nameLink} aria-label={`${lock.lockName}: refusals in Activity`}>
                  {lock.lockName}
                </Link>
              </th>
              <td className="num">{formatCount(lock.count)}</td>
              <td>{reasonsText(lock.reasons)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
