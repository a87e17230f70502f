import { useId } from 'react';
import { GrantList } from '@/features/access/grant-list';
import { LastDenied } from '@/features/access/last-denied';
import { card } from './people-notes';

/** "Can open": every lock and group the person can use (the access feature's list, rule and status in words). */
export function PersonAccess({ userid, canChange }: { userid: number; canChange: boolean }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2">
      <h2 id={titleId} className="text-lg font-semibold">
        Can open
      </h2>
      <div className={card}>
        <GrantList params={{ userid }} show="target" canChange={canChange} />
      </div>
    </section>
  );
}

/** "Why can't they get in?": their last refused door use, with its reason. */
export function WhyRefused({ userid }: { userid: number }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={`${card} flex flex-col gap-1 px-4 py-3`}>
      <h2 id={titleId} className="text-sm font-semibold">
        Why can’t they get in?
      </h2>
      <LastDenied userid={userid} />
    </section>
  );
}
