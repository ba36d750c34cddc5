/**
 * The English catalogue. Its keys are the catalogue's keys: every other locale must have each
 * of them (the type says so, and a test checks it). `{name}` marks a value filled in at render.
 */
export const en = {
  'app.name': 'OpWeg',
  'app.tagline': 'Work, internships, volunteering and company visits near your reception location',

  'error.required': 'Please fill this in.',
  'error.too_short': 'This is too short.',
  'error.too_long': 'This is too long: at most {maximum} characters.',
  'error.not_a_number': 'Please enter a number.',
  'error.number_too_small': 'This must be at least {minimum}.',
  'error.number_too_big': 'This must be at most {maximum}.',
  'error.not_whole_number': 'Please enter a whole number.',
  'error.invalid_choice': 'Please choose one of the options.',
  'error.invalid_date': 'Please enter a date as YYYY-MM-DD.',
  'error.invalid_datetime': 'Please enter a date and time.',
  'error.invalid_email': 'Please enter a valid e-mail address.',
  'error.invalid_url': 'Please enter a web address starting with https:// or http://.',
  'error.invalid_id': 'This reference is not valid.',
  'error.invalid_slug': 'Use lower-case letters, digits and dashes only.',
  'error.invalid_kvk': 'A KvK number has 8 digits.',
  'error.invalid_phone': 'Please enter a valid phone number.',
  'error.invalid_postcode': 'Please enter a Dutch postcode, like 1234 AB.',
  'error.invalid': 'This value is not valid.',
  'error.wage_required': 'A paid job needs a wage per hour.',
  'error.wage_below_minimum': 'The wage is below the statutory minimum wage of €{minimum} per hour in force on the start date.',
  'error.date_in_past': 'This date is in the past.',
  'error.seats_required': 'A company visit or event needs the number of seats.',
  'error.end_before_start': 'The end must be after the start.',
  'error.open_to_everyone_not_allowed': 'Only volunteering, company visits and events can be open to everyone; for work, choose who may take it up.',
  'error.conflict': 'Someone else changed this in the meantime. Reload the page to see their change, then try again.',
  'error.not_found': 'We could not find this. It may have been removed.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.bad_cursor': 'This page link is not valid. Go back to the first page.',
  'error.invalid_transition': 'This cannot be done while the listing is "{status}".',
  'error.form': 'Some fields need your attention.',

  'home.title': 'Work and activities near you',
  'home.regions': 'Regions and locations',
  'home.noListings': 'No listings yet.',
  'home.listings': '{count} listings',

  'kind.job': 'Paid job',
  'kind.internship': 'Internship',
  'kind.workplace-learning': 'Workplace learning',
  'kind.apprenticeship': 'Apprenticeship',
  'kind.volunteering': 'Volunteering',
  'kind.company-visit': 'Company visit',
  'kind.event': 'Job fair or information meeting',

  'status.draft': 'draft',
  'status.pending': 'waiting for review',
  'status.published': 'published',
  'status.rejected': 'rejected',
  'status.closed': 'closed',
  'status.expired': 'expired',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
