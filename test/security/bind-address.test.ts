import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hostOf } from '../../scripts/host.js';

/** `npm start` serves /dev/mail (every sign-in link): it listens on this machine only, unless HOST says otherwise. */
describe('the local server’s address', () => {
  it('is 127.0.0.1 by default, HOST when set', () => {
    expect(hostOf({})).toBe('127.0.0.1');
    expect(hostOf({ HOST: '' })).toBe('127.0.0.1');
    expect(hostOf({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
  });

  it('is what npm start listens on, and that address is not reachable from other interfaces', async () => {
    expect(readFileSync(new URL('../../scripts/dev.ts', import.meta.url), 'utf8')).toMatch(/serve\(\{[^}]*hostname: hostOf\(\)/);
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, hostOf({}), ok));
    expect(server.address()).toMatchObject({ address: '127.0.0.1' });
    await new Promise((ok) => server.close(ok));
  });
});
