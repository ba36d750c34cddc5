import { createHash } from 'node:crypto';

/** The portal's stylesheet: a module, so that the Lambda bundle carries it. */
const CSS = `/* The portal's one stylesheet (served by the portal itself, so it works behind /portal/* on AWS). */
:root { --ink: #1b1f23; --muted: #4d5660; --accent: #0b5cad; --line: #d6dbe0; --bg: #fbfbf8; --danger: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
.masthead { padding-block: 0.75rem; padding-inline: 1rem; border-block-end: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; justify-content: space-between; }
.brand { font-weight: 700; font-size: 1.25rem; color: var(--accent); text-decoration: none; }
main { max-inline-size: 64rem; margin-inline: auto; padding: 1rem; }
a { color: var(--accent); }
/* Names and titles people typed sit in links and inline elements: each is isolated, so text in another direction (or its own bidi controls) cannot reorder what stands around it. */
a, strong, em, code, bdi, .who, td > span { unicode-bidi: isolate; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f5b700; outline-offset: 2px; }
.meta { color: var(--muted); font-size: 0.9rem; }
.portal-nav { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
.portal-nav .count, .cards .count { font-weight: 700; }
.inline { display: inline; }
.who { color: var(--muted); font-size: 0.9rem; }
form .field { margin-block: 0.75rem; }
label { display: block; font-weight: 600; }
label.check { font-weight: normal; }
fieldset { border: 1px solid var(--line); margin-block: 1rem; padding: 0.5rem 1rem; }
input:not([type=checkbox]):not([type=radio]), select, textarea { font: inherit; inline-size: 100%; max-inline-size: 36rem; padding: 0.35rem; border: 1px solid var(--muted); }
button { font: inherit; padding: 0.35rem 0.9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--danger); border-color: var(--danger); }
.hint { color: var(--muted); font-size: 0.9rem; margin: 0.1rem 0; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border: 2px solid var(--danger); }
.field-error, .error-message { color: var(--danger); font-weight: 600; margin: 0.1rem 0; }
.error-summary { border: 2px solid var(--danger); padding: 0.5rem 1rem; margin-block: 1rem; }
.error-summary h2 { font-size: 1.1rem; margin: 0; }
.notice { border-inline-start: 4px solid var(--accent); padding-inline-start: 0.75rem; }
.notice.warning { border-color: var(--danger); }
.table-scroll { overflow-x: auto; }
.cards { list-style: none; padding: 0; }
.cards li { padding-block: 0.5rem; border-block-end: 1px solid var(--line); }
table { border-collapse: collapse; inline-size: 100%; }
th, td { text-align: start; padding: 0.35rem 0.5rem; border-block-end: 1px solid var(--line); vertical-align: top; }
.status { display: inline-block; padding: 0 0.4rem; border: 1px solid var(--line); border-radius: 0.25rem; font-size: 0.85rem; }
.status-pending { background: #fff4d6; } .status-published { background: #e1f5e4; } .status-rejected { background: #fde2e2; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-start; margin-block: 1rem; }
.actions form { margin: 0; }
.preview { border: 2px dashed var(--line); padding: 1rem; margin-block: 1rem; background: #fff; }
.mail pre { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: 0.75rem; }
.report-ok { color: #1b6e2a; } .report-refused { color: var(--danger); }
.portal section > h2::first-letter, .portal section > h3::first-letter, .status::first-letter { text-transform: uppercase; }
.preview dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
.preview dt { font-weight: 600; }
.preview dd { margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin-block: 0.5rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
.filters .field { flex: 1 1 12rem; }
.filters button, .filters > a { margin-block: 0.75rem; }
.outcomes { padding-inline-start: 1.25rem; }
a.button { display: inline-block; padding: 0.35rem 0.9rem; background: var(--accent); color: #fff; text-decoration: none; }
.status-change-pending { background: #fff4d6; } .status-change-changes-requested, .status-change-rejected { background: #fde2e2; }
.previews { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); gap: 1rem; }
.previews h3 { margin-block-end: 0; }
.inline-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
blockquote.reason, p.reason { margin: 0.25rem 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--line); white-space: pre-line; }
table.changes td, table.changes th { overflow-wrap: anywhere; }
table.changes .text { white-space: pre-line; }
.decide { border: 2px solid var(--accent); padding: 0.5rem 1rem; margin-block: 1rem; }
/* Tables stay usable on a 360 px phone: they scroll within their box, the page does not. */
.table-scroll { overflow-x: auto; max-inline-size: 100%; }
@media (max-width: 40rem) {
  table { display: block; overflow-x: auto; max-inline-size: 100%; }
  main { padding: 0.75rem; }
  .masthead { padding-inline: 0.75rem; }
  dl.facts, .preview dl { grid-template-columns: 1fr; }
  dl.facts dd, .preview dd { margin-block-end: 0.4rem; }
}
main { overflow-wrap: break-word; }
`;

/**
 * Served by the portal at a name that changes with its content, so browsers may keep it for a
 * year. (The resident site's assets are in S3; the portal's come through /portal/* like its pages.)
 */
export const PORTAL_STYLESHEET = {
  path: `/portal/assets/portal.${createHash('sha256').update(CSS).digest('hex').slice(0, 10)}.css`,
  body: CSS,
};
