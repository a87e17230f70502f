import { fetchGrantPasscode } from '@/api/access';
import { SecretReveal } from '@/components/secret-reveal';

/** "Reveal code" on a keypad grant: its code, revealed on purpose (see `SecretReveal`). */
export function PasscodeReveal({ grantid, who }: { grantid: number; who: string }) {
  return (
    <SecretReveal
      fetchSecret={() => fetchGrantPasscode(grantid)}
      fallbackMessage="The code could not be fetched."
      noun="code"
      owner={who}
      secretName={`Keypad code for ${who}`}
      look="inline"
    />
  );
}
