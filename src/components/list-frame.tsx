import { type ReactNode, useId } from 'react';
import { Button } from './button';
import { LoadFailed, Loading } from './load-state';
import { ReadOnlyNote } from './page-frame';
import { card, muted } from './page-styles';
import { SearchInput } from './search-input';
import { useDisclosure } from './use-disclosure';

/**
 * A list page's search box and, for a manager, the button that opens the form to create one more
 * (under the toolbar); a read-only account sees `readOnlyNote` instead (nothing while the session
 * is unknown).
 */
export function ListToolbar({
  search,
  create,
  readOnlyNote,
}: {
  search: { label: string; placeholder: string; value: string; onChange: (q: string) => void };
  /** `title` heads the form's panel. */
  create: { label: string; title: string; form: (close: () => void) => ReactNode } | null;
  readOnlyNote: string | null;
}) {
  const disclosure = useDisclosure();
  return (
    <>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <SearchInput {...search} />
        {create ? (
          <Button variant="primary" {...disclosure.buttonProps}>
            {create.label}
          </Button>
        ) : (
          readOnlyNote && <ReadOnlyNote>{readOnlyNote}</ReadOnlyNote>
        )}
      </div>
      <div id={disclosure.regionId}>{create && disclosure.open && <FormPanel title={create.title}>{create.form(disclosure.close)}</FormPanel>}</div>
    </>
  );
}

/** A form in a panel: titled by a heading (`title`), or named for assistive tech alone (`label`). */
export function FormPanel({ title, label, children }: { title?: string; label?: string; children: ReactNode }) {
  const titleId = useId();
  if (!title) {
    return (
      <section aria-label={label} className={`${card} p-4`}>
        {children}
      </section>
    );
  }
  return (
    <section aria-labelledby={titleId} className={`${card} p-4`}>
      <h2 id={titleId} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The panel that holds a list, busy while it loads, with its paging (`footer`) under the rows. */
export function ListSection({ label, busy, footer, children }: { label: string; busy: boolean; footer?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={label} aria-busy={busy} className={`overflow-hidden ${card}`}>
      {children}
      {footer && <div className="border-t border-slate-200 dark:border-slate-800">{footer}</div>}
    </section>
  );
}

/** Why a list shows no rows, and the one way out of it when there is one (clear the search, page 1). */
export interface EmptyList {
  message: string;
  action: { label: string; onClick: () => void } | null;
}

/**
 * A list's rows once they have come (`children`); until then its loading placeholder or its failure
 * (with Try again); `empty` when there are none to show.
 */
export function ListBody({
  loaded,
  query,
  loadingLabel,
  failedTitle,
  empty,
  children,
}: {
  loaded: boolean;
  query: { isError: boolean; error: Error | null; refetch: () => unknown };
  loadingLabel: string;
  failedTitle: string;
  empty: EmptyList | null;
  children: ReactNode;
}) {
  if (!loaded) {
    return query.isError ? (
      <LoadFailed layout="list" title={failedTitle} error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <Loading layout="list" label={loadingLabel} />
    );
  }
  if (!empty) return children;
  return (
    <div className="flex flex-col items-center gap-3 px-4 py-12 text-center">
      <p className="font-medium">{empty.message}</p>
      {empty.action && (
        <Button variant="primary" onClick={empty.action.onClick}>
          {empty.action.label}
        </Button>
      )}
    </div>
  );
}

/** How many the list holds (or match), said politely when it changes. */
export function ListCount({ children }: { children: ReactNode }) {
  return (
    <p role="status" aria-live="polite" className={`text-sm ${muted}`}>
      {children}
    </p>
  );
}
