import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { appConfigQuery } from '@/api/app-config';
import { type PassAnswer, passQueries } from '@/api/passes';
import { sessionQueries } from '@/api/session';
import { Button } from '@/components/button';
import { FormPanel, ListBody, ListSection } from '@/components/list-frame';
import { FeatureUnavailable, PageDescription, PageFrame, PageHeading, ReadOnlyNote } from '@/components/page-frame';
import { textLink } from '@/components/page-styles';
import { Pagination } from '@/components/pagination';
import { useDisclosure } from '@/components/use-disclosure';
import { useLiveUpdatesPaused } from '@/lib/live-updates';
import { usePageTitle } from '@/lib/page-title';
import { useSharedClock } from '@/lib/use-now';
import { usePlatformZone } from '@/features/access/use-platform-clock';
import { NewPassForm } from './new-pass-form';
import { PassItem } from './pass-item';
import { describeSent } from './pass-text';

const PAGE_SIZE = 25;

/** A manager's "New pass" button and its form; when created, where the code went. */
function NewPass() {
  const disclosure = useDisclosure();
  const now = useSharedClock();
  const zone = usePlatformZone();
  const [created, setCreated] = useState<string | null>(null);
  const onCreated = ({ pass, sent }: PassAnswer) => {
    disclosure.close();
    setCreated(`Pass for ${pass.name} created. ${sent ? `Code ${describeSent(sent, now, zone)}.` : 'The code is on its way.'}`);
  };
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="primary" {...disclosure.buttonProps}>
          New pass
        </Button>
        <Link to="/alerts/outbox" className={textLink}>
          Codes go by e-mail: see the Outbox
        </Link>
      </div>
      <p role="status" className={created ? 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-200' : 'sr-only'}>
        {created}
      </p>
      <div id={disclosure.regionId}>
        {disclosure.open && (
          <FormPanel title="New pass">
            <NewPassForm onCreated={onCreated} onCancel={disclosure.close} />
          </FormPanel>
        )}
      </div>
    </>
  );
}

/**
 * `/passes`: visitor passes — a visitor's keypad code for a day or a few hours, sent to them by
 * e-mail. A manager creates, resends (a new code) and ends passes; support reads the list, without
 * the visitors' e-mail addresses.
 */
export function PassesPage() {
  usePageTitle('Visitor passes');
  const config = useQuery(appConfigQuery).data;
  const user = useQuery(sessionQueries.me()).data?.user;
  const paused = useLiveUpdatesPaused();
  const [page, setPage] = useState(1);
  const enabled = !!config?.features.passes;
  const list = useQuery({
    ...passQueries.list({ pagenumber: page, limit: PAGE_SIZE }),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: paused || !config ? false : config.pollIntervalMs,
  });
  const heading = (
    <PageHeading title="Visitor passes">
      <PageDescription>A visitor’s keypad code for a day or a few hours, at the doors you choose. The code goes to the visitor by e-mail; Lockboard never shows it.</PageDescription>
    </PageHeading>
  );
  if (config && !enabled) {
    return (
      <PageFrame>
        {heading}
        <FeatureUnavailable label="Visitor passes" title="Visitor passes are not available">This Plus Platform does not issue visitor passes.</FeatureUnavailable>
      </PageFrame>
    );
  }
  const isManager = user?.role === 'manager';
  const data = list.data;
  return (
    <PageFrame>
      {heading}
      {isManager ? <NewPass /> : user && <ReadOnlyNote>Your account is read-only: a manager issues, resends and ends passes.</ReadOnlyNote>}
      <ListSection
        label="Passes"
        busy={(!data && !list.isError) || list.isPlaceholderData}
        footer={data && data.totalPages > 1 && <Pagination page={page} totalPages={data.totalPages} noun="pass" totalCount={null} loading={list.isPlaceholderData} onPage={setPage} />}
      >
        <ListBody
          loaded={!!data}
          query={list}
          loadingLabel="Loading the passes…"
          failedTitle="The passes could not be loaded."
          empty={data && data.items.length === 0 ? { message: page > 1 ? 'This page is past the end.' : 'There are no visitor passes yet.', action: page > 1 ? { label: 'Back to page 1', onClick: () => setPage(1) } : null } : null}
        >
          <ul aria-label="Visitor passes" className="divide-y divide-slate-200 dark:divide-slate-800">
            {data?.items.map((pass) => <PassItem key={pass.passid} pass={pass} canChange={isManager} />)}
          </ul>
        </ListBody>
      </ListSection>
    </PageFrame>
  );
}

export default PassesPage;
