import { GroupPage } from '@/features/groups/group-page';
import { SchedulePanel } from '@/features/schedules/schedule-panel';

function GroupSchedule({ groupid }: { groupid: number }) {
  return <SchedulePanel target={{ groupid }} />;
}

/** `/groups/:groupid`: the group's page, with its schedule. */
export function GroupRoute() {
  return <GroupPage panel={GroupSchedule} />;
}

export default GroupRoute;
