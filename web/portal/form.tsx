import type { Child } from 'hono/jsx';
import { t, type Params } from '../../shared/i18n/index.js';
import type { FieldError } from '../../shared/errors.js';

/**
 * Plain HTML forms. A form is re-rendered on error with what was typed and one message per
 * field, in the person's language; the summary at the top links to each field.
 */
export interface FormState {
  values: Record<string, string | string[]>;
  errors: FieldError[];
}
export const blankForm = (values: Record<string, string | string[]> = {}): FormState => ({ values, errors: [] });

/** A field's id: `f-<name>`, or `f-<prefix><name>` when one page has two forms with the same names. */
const idOf = (name: string, prefix = '') => `f-${prefix}${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
const valueOf = (s: FormState, name: string) => {
  const v = s.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
const errorOf = (s: FormState, name: string) => s.errors.find((e) => e.field === name || e.field.startsWith(`${name}.`));

function Message(props: { locale: string; state: FormState; name: string; prefix?: string }) {
  const e = errorOf(props.state, props.name);
  return e ? (
    <p class="field-error" id={`${idOf(props.name, props.prefix)}-error`}>
      {t(props.locale, e.key, e.params as Params)}
    </p>
  ) : null;
}

function Wrap(props: { locale: string; state: FormState; name: string; prefix?: string; label: string; hint?: string; children: Child }) {
  const invalid = errorOf(props.state, props.name) !== undefined;
  return (
    <div class={invalid ? 'field invalid' : 'field'}>
      <label for={idOf(props.name, props.prefix)}>{props.label}</label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <Message locale={props.locale} state={props.state} name={props.name} prefix={props.prefix} />
      {props.children}
    </div>
  );
}

const aria = (s: FormState, name: string, prefix?: string) =>
  errorOf(s, name) ? { 'aria-invalid': 'true', 'aria-describedby': `${idOf(name, prefix)}-error` } : {};

interface FieldProps {
  locale: string;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** When one page has two forms with fields of the same name. */
  prefix?: string;
  /** The language of what is typed, when it is not the portal's (a summary in Arabic): `lang` and `dir` on the field. */
  lang?: { lang: string; dir: 'ltr' | 'rtl' };
}

export function TextField(props: FieldProps & { type?: string; autocomplete?: string; inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'url'; step?: string }) {
  return (
    <Wrap {...props}>
      <input
        id={idOf(props.name, props.prefix)}
        name={props.name}
        type={props.type ?? 'text'}
        value={valueOf(props.state, props.name)}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        step={props.step}
        {...props.lang}
        {...aria(props.state, props.name, props.prefix)}
      />
    </Wrap>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  return (
    <Wrap {...props}>
      <textarea id={idOf(props.name, props.prefix)} name={props.name} rows={props.rows ?? 6} required={props.required} {...props.lang} {...aria(props.state, props.name, props.prefix)}>
        {valueOf(props.state, props.name)}
      </textarea>
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
  group?: string;
}

export function SelectField(props: FieldProps & { options: Option[]; empty?: string }) {
  const current = valueOf(props.state, props.name);
  const groups = [...new Set(props.options.map((o) => o.group ?? ''))];
  const render = (o: Option) => (
    <option value={o.value} selected={o.value === current}>
      {o.label}
    </option>
  );
  return (
    <Wrap {...props}>
      {/* `required` only with an empty first choice: a list that starts with a real choice always has a value. */}
      <select id={idOf(props.name, props.prefix)} name={props.name} required={props.required && props.empty !== undefined} {...aria(props.state, props.name, props.prefix)}>
        {props.empty !== undefined ? <option value="">{props.empty || t(props.locale, 'portal.form.choose')}</option> : null}
        {groups.length > 1 || groups[0] !== ''
          ? groups.map((g) => <optgroup label={g}>{props.options.filter((o) => (o.group ?? '') === g).map(render)}</optgroup>)
          : props.options.map(render)}
      </select>
    </Wrap>
  );
}

/** Several checkboxes under one name (e.g. regions). */
export function CheckboxGroup(props: FieldProps & { options: Option[] }) {
  const v = props.state.values[props.name];
  const checked = new Set(Array.isArray(v) ? v : v ? [v] : []);
  return (
    <fieldset class={errorOf(props.state, props.name) ? 'field invalid' : 'field'} id={idOf(props.name)}>
      <legend>{props.label}</legend>
      <Message locale={props.locale} state={props.state} name={props.name} />
      {props.options.map((o) => (
        <label class="check">
          <input type="checkbox" name={props.name} value={o.value} checked={checked.has(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** One checkbox that means yes (value "on") or no (absent). */
export function Checkbox(props: { state: FormState; name: string; label: string }) {
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" id={idOf(props.name)} name={props.name} value="on" checked={valueOf(props.state, props.name) === 'on'} /> {props.label}
      </label>
    </div>
  );
}

export function ErrorSummary(props: { locale: string; state: FormState; labels?: Record<string, string>; prefix?: string }) {
  if (props.state.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{t(props.locale, 'error.form')}</h2>
      <ul>
        {props.state.errors.map((e) => {
          const name = Object.keys(props.labels ?? {}).find((n) => e.field === n || e.field.startsWith(`${n}.`)) ?? e.field;
          return (
            <li>
              <a href={`#${idOf(name, props.prefix)}`}>{props.labels?.[name] ?? name}</a>: {t(props.locale, e.key, e.params as Params)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A form that posts a single action (approve, close…): the version travels with it. */
export function ActionButton(props: { action: string; label: string; version?: number; fields?: Record<string, string>; class?: string }) {
  return (
    <form method="post" action={props.action} class="inline">
      {props.version !== undefined ? <input type="hidden" name="version" value={String(props.version)} /> : null}
      {Object.entries(props.fields ?? {}).map(([n, v]) => (
        <input type="hidden" name={n} value={v} />
      ))}
      <button type="submit" class={props.class}>
        {props.label}
      </button>
    </form>
  );
}
