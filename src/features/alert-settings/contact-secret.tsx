import { useId } from 'react';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { inputClass } from '@/components/form-field';
import { card } from './settings-shell';

/** A new webhook's signing secret, shown this once: the server never sends it again. */
export function ContactSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className={`${card} flex max-w-2xl flex-col gap-3 p-4`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold break-words">
        Signing secret for {name}
      </h2>
      <p role="status" className="text-sm font-medium text-amber-900 dark:text-amber-200">
        Copy it now: it will not be shown again.
      </p>
      <p className="text-sm">Your receiver checks each request’s webhook-signature header with it (Standard Webhooks).</p>
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="mb-1 block text-sm font-medium">
            Signing secret
          </label>
          <input id={id} readOnly value={secret} spellCheck={false} className={`${inputClass} font-mono`} onFocus={(event) => event.target.select()} />
        </div>
        <CopyButton value={secret} label="signing secret" />
      </div>
      <div>
        <Button variant="primary" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </section>
  );
}
