import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * DynamoDB Local, from the jar shipped inside the npm package amplify-dynamodb-simulator,
 * run with the machine's Java. In memory for tests, on disk under .data/ for `npm start`.
 */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function javaVersion(): string | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  return (out.stderr || out.stdout).split('\n')[0];
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

const jarFolder = () => join(dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')), 'emulator');

export async function startDynamoDbLocal(o: { dbPath?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  if (!javaVersion()) {
    throw new Error(
      'Java was not found. OpWeg runs DynamoDB Local with Java 17 or newer: install it (on Debian: apt-get install -y openjdk-17-jre-headless) and try again.',
    );
  }
  const port = o.port ?? (await freePort());
  const args = ['-Xms64m', '-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar', '-port', String(port), '-disableTelemetry'];
  if (o.dbPath) {
    const dbPath = resolve(o.dbPath);
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('java', args, { cwd: jarFolder(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const endpoint = `http://127.0.0.1:${port}`;

  await new Promise<void>((ok, fail) => {
    const deadline = Date.now() + 60_000;
    const onExit = (code: number | null) => fail(new Error(`DynamoDB Local stopped while starting (exit ${code}):\n${output}`));
    child.once('exit', onExit);
    const poll = async () => {
      try {
        // Any HTTP answer means the server listens; DynamoDB answers 400 to a bare GET.
        await fetch(endpoint);
        child.off('exit', onExit);
        ok();
      } catch {
        if (Date.now() > deadline) fail(new Error(`DynamoDB Local did not start within 60 s:\n${output}`));
        else setTimeout(poll, 150);
      }
    };
    void poll();
  });

  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
