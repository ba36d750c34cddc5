import type { z } from 'zod';
import type { AnyKey, MessageKey, Params } from './i18n/index.js';

/** A problem with one field: which field, which message, and the values the message needs. */
export interface FieldError {
  field: string;
  /** A resident message, or a portal one for errors only portal users meet. */
  key: AnyKey;
  params?: Params;
}

/**
 * Errors a person can meet. They carry a message key, never a sentence: the page that shows
 * them picks the person's language. `status` is the HTTP status a route answers with.
 */
export class DomainError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly status: 400 | 403 | 404 | 409 | 422 | 429 | 503,
    readonly params: Params = {},
  ) {
    super(key);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(readonly fields: FieldError[]) {
    super('error.form', 422);
  }
}
export class ConflictError extends DomainError {
  constructor(key: MessageKey = 'error.conflict', params: Params = {}) {
    super(key, 409, params);
  }
}
export class NotFoundError extends DomainError {
  constructor() {
    super('error.not_found', 404);
  }
}
export class ForbiddenError extends DomainError {
  constructor() {
    super('error.forbidden', 403);
  }
}
export class BadCursorError extends DomainError {
  constructor() {
    super('error.bad_cursor', 400);
  }
}

const CUSTOM_KEYS = new Set<string>([
  'required', 'invalid_id', 'invalid_slug', 'reserved_id', 'invalid_kvk', 'invalid_phone', 'invalid_postcode',
  'wage_required', 'wage_below_minimum', 'wage_no_rate', 'wage_not_paid_kind', 'date_in_past', 'date_too_far',
  'seats_required', 'end_before_start', 'open_to_everyone_not_allowed', 'open_to_work_permit_not_needed',
  'volunteering_non_profit_only', 'volunteering_declaration_required', 'consent_required', 'contact_required', 'invalid_choice', 'guardian_required',
]);

/** Maps one zod issue to a message key: the single translation point from zod to people. */
function keyOf(issue: z.core.$ZodIssue): { key: MessageKey; params?: Params } {
  if (CUSTOM_KEYS.has(issue.message)) {
    const params = (issue as { params?: Params }).params;
    return { key: `error.${issue.message}` as MessageKey, params };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return { key: 'error.required' };
      if (issue.expected === 'int') return { key: 'error.not_whole_number' };
      return { key: issue.expected === 'number' ? 'error.not_a_number' : 'error.invalid' };
    case 'too_small':
      if (issue.origin === 'string') return { key: issue.minimum === 1 ? 'error.required' : 'error.too_short' };
      if (issue.origin === 'array') return { key: 'error.required' };
      return { key: 'error.number_too_small', params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'error.too_long', params: { maximum: Number(issue.maximum) } };
      return { key: 'error.number_too_big', params: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { key: 'error.invalid_choice' };
    case 'not_multiple_of':
      return { key: 'error.not_whole_number' };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'error.invalid_email' };
      if (issue.format === 'url') return { key: 'error.invalid_url' };
      if (issue.format === 'date') return { key: 'error.invalid_date' };
      if (issue.format === 'datetime') return { key: 'error.invalid_datetime' };
      return { key: 'error.invalid' };
    default:
      return { key: 'error.invalid' };
  }
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '_', ...keyOf(issue) }));
}

/** Parses input with a schema, or throws a ValidationError with a message key per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}
