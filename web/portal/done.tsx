import type { Params } from '../../shared/i18n/index.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { tr, type PortalContext } from './env.js';

/**
 * What the last action did, after its redirect (`?done=code`): each page names the codes its
 * actions send and the sentence for each, so every action confirms in its own words what
 * happened (or that nothing changed). An unknown code shows nothing.
 */
export function DoneNotice(props: { c: PortalContext; messages: Record<string, PortalKey>; params?: Params }) {
  const done = props.c.req.query('done') ?? '';
  const key = Object.hasOwn(props.messages, done) ? props.messages[done] : undefined;
  return key ? (
    <p class="notice" role="status" id="done" data-done={done}>
      {tr(props.c, key, props.params)}
    </p>
  ) : null;
}
