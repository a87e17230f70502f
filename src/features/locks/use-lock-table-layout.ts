import { useMemo } from 'react';
import { OPTIONAL_COLUMNS, type OptionalColumn, planColumns, useColumnChoice } from './lock-columns';
import { useLockDensity } from './lock-density';

/** The table's columns (the user's choice, kept per user, planned by width) and its row density. */
export function useLockTableLayout(userKey: string, isManager: boolean, actions: boolean) {
  const [chosen, setChosen] = useColumnChoice(userKey);
  const [density, setDensity] = useLockDensity(userKey);
  const available = useMemo(
    () => new Set<OptionalColumn>(OPTIONAL_COLUMNS.filter((id) => id !== 'password' || isManager)),
    [isManager],
  );
  const plan = useMemo(() => planColumns({ chosen, available, actions }), [chosen, available, actions]);
  return { chosen, setChosen, density, setDensity, available, plan };
}

export type LockTableLayout = ReturnType<typeof useLockTableLayout>;
