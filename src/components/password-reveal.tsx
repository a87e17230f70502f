import { SecretReveal } from './secret-reveal';

/** "••••••" and "Reveal password": one lock's password, revealed on purpose (see `SecretReveal`). */
export function PasswordReveal({ reveal, lockName }: { reveal: () => Promise<string>; lockName: string }) {
  return (
    <SecretReveal
      fetchSecret={reveal}
      fallbackMessage="The password could not be fetched."
      noun="password"
      owner={lockName}
      secretName={`Password for ${lockName}`}
      look="column"
    />
  );
}
