import { useQuery } from '@tanstack/react-query';
import { appConfigQuery } from '@/api/app-config';
import { useSharedClock } from '@/lib/use-now';
import { dayIn } from './grant-time';

/** The platform's zone (PLUS_TIMEZONE): the clock of every grant's dates, days and hours. */
export function usePlatformZone(): string {
  return useQuery(appConfigQuery).data?.timezone ?? 'UTC';
}

/** Today on the platform's clock ("YYYY-MM-DD"), from the page's shared clock (so a server render and its hydration agree). */
export function usePlatformToday(): string {
  return dayIn(useSharedClock(), usePlatformZone());
}
