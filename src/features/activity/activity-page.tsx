import { EventHistory } from './event-history';
import type { HistoryIntl } from './history-intl';

/** `/activity`: the fleet's history: who opened which door, when, and how. `intl`: the viewer's locale and zone. */
export function ActivityPage({ intl }: { intl?: HistoryIntl }) {
  return (
    <div className="mx-auto flex max-w-screen-2xl flex-col gap-4 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
      <EventHistory title="All events" intl={intl} />
    </div>
  );
}
