import { createHmac } from 'node:crypto';

/**
 * Pseudonymous keys for a resident (docs/outcomes.md, "Unique residents"): an HMAC-SHA256 under
 * RESIDENT_KEY_SECRET of the normalised e-mail address and of the normalised phone number. The
 * same contact detail gives the same key, so a report counts a resident who reacts three times
 * once; without the secret a key cannot be turned back into the contact detail (nor checked
 * against a guessed phone number). Changing the secret starts new keys: residents from before
 * and after would count twice in a report that spans the change.
 */

/** A phone number as digits: Dutch numbers in their national form (+31 6… and 06… are one number). */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/[^0-9]/g, '');
  const international = trimmed.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (international) return digits.startsWith('31') ? `0${digits.slice(2)}` : `+${digits}`;
  return digits;
}

const keyOf = (secret: string, kind: string, value: string) => createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url').slice(0, 32);

/** One key per contact detail given (e-mail, phone): at most two. */
export function residentKeys(secret: string, contact: { email?: string; phone?: string }): string[] {
  const out: string[] = [];
  if (contact.email) out.push(keyOf(secret, 'email', contact.email.trim().toLowerCase()));
  if (contact.phone) out.push(keyOf(secret, 'phone', normalisePhone(contact.phone)));
  return out;
}

/**
 * Counts residents: interests sharing a key are one resident (a union of overlapping key sets,
 * so "e-mail only" and "e-mail and phone" and "phone only" are one person). Items without keys
 * (interests from before keys existed) count as their own resident. Returns a resident id per item.
 */
export function residentsOf<T>(items: T[], keysOf: (item: T) => string[], idOf: (item: T) => string): Map<T, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let y = x; parent.get(y) !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const nodes = (item: T) => {
    const k = keysOf(item);
    return k.length > 0 ? k.map((key) => `k:${key}`) : [`i:${idOf(item)}`];
  };
  for (const item of items) {
    const [first, ...rest] = nodes(item);
    add(first!);
    for (const other of rest) {
      add(other);
      const a = find(first!);
      const b = find(other);
      if (a !== b) parent.set(b, a);
    }
  }
  return new Map(items.map((item) => [item, find(nodes(item)[0]!)]));
}
