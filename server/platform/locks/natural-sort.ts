/**
 * The sort key of a lock name (the SQL function `lock_name_key`, behind the `name_key` column):
 * names then sort as people read them, "Room 2" before "Room 12", ignoring case, by plain binary
 * comparison (so an index can hold the order).
 *
 * The name is lowercased and every run of digits is written as its length (two digits) followed by
 * its digits without leading zeros: a longer number sorts after a shorter one, equal lengths
 * compare digit by digit. The encoding starts with a digit, so a number still sorts against any
 * other character as a digit would. Numbers of more than 99 digits compare by their first 99.
 */
export function naturalSortKey(name: string): string {
  return name.toLowerCase().replace(/[0-9]+/g, (run) => {
    const digits = run.replace(/^0+/, '').slice(0, 99);
    return (digits.length < 10 ? '0' : '') + String(digits.length) + digits;
  });
}
