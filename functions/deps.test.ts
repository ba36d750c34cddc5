import type { GetParametersCommand, GetParametersCommandOutput, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { readSecrets } from './deps.js';

/** An SSM client that answers GetParameters from a fixed set and remembers what it was asked. */
function fakeSsm(stored: Record<string, string>) {
  const asked: string[][] = [];
  const ssm = {
    send: async (command: GetParametersCommand): Promise<Partial<GetParametersCommandOutput>> => {
      const names = command.input.Names ?? [];
      asked.push(names);
      expect(command.input.WithDecryption).toBe(true);
      return {
        Parameters: names.filter((n) => n in stored).map((n) => ({ Name: n, Value: stored[n] })),
        InvalidParameters: names.filter((n) => !(n in stored)),
      };
    },
  } as unknown as Pick<SSMClient, 'send'>;
  return { ssm, asked };
}

describe('secrets from SSM', () => {
  it('reads each *_PARAMETER once and returns it under the plain name', async () => {
    const { ssm, asked } = fakeSsm({ '/opweg/dev/cursor-secret': 'from-ssm-0123456789' });
    const secrets = await readSecrets({ CURSOR_SECRET_PARAMETER: '/opweg/dev/cursor-secret', TABLE_NAME: 't' }, ssm);
    expect(secrets).toEqual({ CURSOR_SECRET: 'from-ssm-0123456789' });
    expect(asked).toEqual([['/opweg/dev/cursor-secret']]);
  });

  it('asks nothing when no parameter is named (local runs keep their defaults)', async () => {
    const { ssm, asked } = fakeSsm({});
    expect(await readSecrets({ TABLE_NAME: 't' }, ssm)).toEqual({});
    expect(asked).toEqual([]);
  });

  it('refuses to start when a named parameter does not exist', async () => {
    const { ssm } = fakeSsm({});
    await expect(readSecrets({ CURSOR_SECRET_PARAMETER: '/opweg/prod/cursor-secret' }, ssm)).rejects.toThrow('/opweg/prod/cursor-secret');
  });
});
