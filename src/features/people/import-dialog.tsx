import { useState } from 'react';
import { type ImportResult, useImportPeople } from '@/api/people-import';
import { Button } from '@/components/button';
import { Dialog, DialogActions, DialogTitle } from '@/components/dialog';
import { FormError, inputClass } from '@/components/form-field';
import { muted } from '@/components/page-styles';
import { ImportPreview } from './import-preview';

const MAX_BYTES = 1_000_000;

/** What a run did (or would do), in one sentence. */
function summary(result: ImportResult): string {
  const count = (action: string) => result.changes.filter((c) => c.action === action).length;
  if (result.dryRun) return `Dry run: ${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged. Nothing has changed yet.`;
  return `Imported: ${count('create')} created, ${count('update')} updated, ${count('unchanged')} unchanged.`;
}

/** The dialog's content: the file (chosen or pasted), its dry run, then the import. */
function ImportContent({ onClose }: { onClose: () => void }) {
  const [csv, setCsv] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const run = useImportPeople();
  const result = run.data;
  const checked = result?.dryRun && result.errors.length === 0 && run.variables?.csv === csv;
  const done = result && !result.dryRun && result.errors.length === 0;

  const readFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setFileError('The file is larger than 1 MB: split it.');
    setCsv(await file.text());
    run.reset();
  };
  return (
    <div className="flex flex-col gap-3 p-5">
      <DialogTitle>Import people from CSV</DialogTitle>
      <p className={`text-sm ${muted}`}>Columns name, email, department, roles (roles separated by “;”); the first line names them. A line whose e-mail belongs to someone updates them.</p>
      <label className="text-sm font-medium">
        CSV file
        <input type="file" accept=".csv,text/csv" className="mt-1 block text-sm" onChange={(e) => void readFile(e.target.files?.[0])} />
      </label>
      {fileError && <FormError>{fileError}</FormError>}
      <label className="text-sm font-medium">
        Or paste it
        <textarea value={csv} rows={6} spellCheck={false} onChange={(e) => { setCsv(e.target.value); run.reset(); }} className={`mt-1 font-mono ${inputClass}`} />
      </label>
      {run.isError && <FormError>{run.error.message}</FormError>}
      {result && result.errors.length === 0 && <p role="status" className="text-sm font-medium">{summary(result)}</p>}
      {result && <ImportPreview result={result} />}
      <DialogActions>
        <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
        {!done && (
          <Button variant={checked ? 'secondary' : 'primary'} disabled={!csv.trim() || run.isPending} onClick={() => run.mutate({ csv, dryRun: true })}>
            {run.isPending && run.variables.dryRun ? 'Checking…' : 'Dry run'}
          </Button>
        )}
        {checked && !done && (
          <Button variant="primary" disabled={run.isPending} onClick={() => run.mutate({ csv, dryRun: false })}>
            {run.isPending ? 'Importing…' : 'Import'}
          </Button>
        )}
      </DialogActions>
    </div>
  );
}

/** "Import CSV": a dry run first, a table of what would change, then the import once there are no errors. */
export function ImportCsvButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Import CSV</Button>
      <Dialog open={open} onCancel={() => setOpen(false)}>
        <ImportContent onClose={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
