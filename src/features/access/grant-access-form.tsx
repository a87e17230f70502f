import { Button } from '@/components/button';
import { DialogActions, DialogTitle } from '@/components/dialog';
import { FieldError, FormError } from '@/components/form-field';
import { GrantMethodField, GrantRulePreview, GrantScheduleFields, GrantValidityFields } from './grant-rule-fields';
import { type GrantAccessTarget, targetWords } from './grant-target';
import { KeypadCodeOnce } from './keypad-code-once';
import { LockOrGroupPicker } from './lock-or-group-picker';
import { PersonPicker } from './person-picker';
import { useGrantForm } from './use-grant-form';

/**
 * The content of the open grant access dialog: find a person as you type or add one (or, from a
 * person's page, find the lock or group), choose the method, how long, and optionally the days and
 * hours, with the rule in words as it is built. Refusals show by the field they name; nothing typed
 * is lost. A keypad grant's code is shown once, here, with a copy button.
 */
export function GrantAccessForm({ target, onClose }: { target: GrantAccessTarget; onClose: () => void }) {
  const grant = useGrantForm(target, onClose);
  const { id, form, errors } = grant;
  const forPerson = 'userid' in target;
  if (grant.code) return <KeypadCodeOnce code={grant.code} onDone={onClose} />;

  return (
    <form onSubmit={grant.submit} noValidate className="flex flex-col gap-4 p-5">
      <DialogTitle>{forPerson ? `Grant ${target.personName} access` : `Grant access to ${targetWords(target)}`}</DialogTitle>
      {forPerson ? (
        <LockOrGroupPicker id={`${id}-target`} chosen={grant.chosen} onChoose={grant.chooseDoor} error={errors.target} />
      ) : (
        <PersonPicker id={`${id}-person`} person={grant.person} onChoose={grant.choosePerson} error={errors.person} />
      )}
      {!forPerson && errors.target && <FieldError id={`${id}-target-error`}>{errors.target}</FieldError>}
      <GrantMethodField id={id} form={form} update={grant.update} errors={errors} />
      <GrantValidityFields id={id} form={form} update={grant.update} errors={errors} today={grant.today} />
      <GrantScheduleFields id={id} form={form} update={grant.update} errors={errors} />
      <GrantRulePreview id={id} form={form} zone={grant.zone} />
      {grant.otherError && <FormError>{grant.otherError}</FormError>}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={grant.pending}>
          {grant.pending ? 'Granting…' : 'Grant access'}
        </Button>
      </DialogActions>
    </form>
  );
}
