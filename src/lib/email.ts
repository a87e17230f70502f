/**
 * Looks like an email address the gateway accepts (the same shape as its check): so the sign-in
 * form can say "Enter an email address such as name@example.com" before asking the server.
 */
const EMAIL = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** The form of an email that the gateway counts sign-in failures under. */
export function emailKey(value: string): string {
  return value.trim().toLowerCase();
}
