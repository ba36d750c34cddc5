import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The Nu Html Checker (vnu-jar, the W3C validator) shipped in node_modules. */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

export interface NuMessage {
  page: string;
  type: string;
  message: string;
  extract?: string;
}

/**
 * Checks many HTML documents with the Nu Html Checker in one Java start (it takes seconds):
 * writes them to a temporary folder, runs `vnu --errors-only --format json` over all, and
 * returns the errors per page name. A document is `[name, html]`.
 */
export async function nuErrors(documents: readonly (readonly [string, string])[]): Promise<NuMessage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-vnu-'));
  try {
    const files = documents.map(([name, html], i) => {
      const file = join(dir, `${String(i).padStart(3, '0')}.html`);
      writeFileSync(file, html);
      return { file, name };
    });
    const run = promisify(execFile);
    // vnu exits 1 when it found errors; its JSON report is on stderr either way.
    // A larger thread stack: with many pages vnu's schema evaluation overflowed the default one.
    const out = await run('java', ['-Xss8m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files.map((f) => f.file)], { maxBuffer: 64 * 1024 * 1024 }).catch((e: { stderr?: string; code?: number }) => {
      if (e.code === 1 && e.stderr) return { stderr: e.stderr };
      throw e;
    });
    const report = JSON.parse(out.stderr || '{"messages":[]}') as { messages: { url: string; type: string; message: string; extract?: string }[] };
    const nameOf = new Map(files.map((f) => [`file:${f.file}`, f.name]));
    return report.messages.map((m) => ({ page: nameOf.get(m.url) ?? m.url, type: m.type, message: m.message, extract: m.extract }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
