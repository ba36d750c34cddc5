import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const vnuJar = String(createRequire(import.meta.url)('vnu-jar') as unknown);

export interface VnuMessage {
  page: string;
  type: string;
  message: string;
  extract?: string;
}

/**
 * The Nu Html Checker (npm vnu-jar, the W3C validator's engine) over many pages at once, one
 * Java start: `pages` maps a name (a path) to its HTML. Returns every error and warning.
 */
export async function checkHtml(pages: Record<string, string>): Promise<VnuMessage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-vnu-'));
  try {
    const names = Object.keys(pages);
    const files = names.map((_, i) => join(dir, `${i}.html`));
    names.forEach((name, i) => writeFileSync(files[i]!, pages[name]!));
    const out = await new Promise<string>((ok, fail) =>
      // Exit status 1 means "found errors": the JSON says which.
      execFile('java', ['-Xss8m', '-jar', vnuJar, '--format', 'json', '--stdout', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
        error && !stdout ? fail(error) : ok(stdout),
      ),
    );
    const report = JSON.parse(out) as { messages: { url?: string; type: string; subType?: string; message: string; extract?: string }[] };
    return report.messages.map((m) => ({
      page: names[files.findIndex((f) => m.url?.endsWith(`/${f.split('/').pop()}`))] ?? m.url ?? '?',
      type: m.subType ? `${m.type}/${m.subType}` : m.type,
      message: m.message,
      extract: m.extract,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
