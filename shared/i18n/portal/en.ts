/**
 * The portal's catalogue (employers, desks, admins): Dutch and English only, since portal
 * users work in Dutch or English. Resident-facing text belongs in ../messages/, in every locale.
 */
export const portalEn = {
  'portal.title': 'OpWeg portal',
  'portal.nav.label': 'Portal',
  'portal.nav.queue': 'Desk {region}',
  'portal.nav.admin': 'Admin',
  'portal.lang.switch': 'English',
  'portal.logout': 'Sign out',

  'portal.home.title': 'Welcome',
  'portal.home.noAccess': 'Your account is not linked to an organisation, a desk or admin work. Ask a colleague to invite you.',
  'portal.home.waiting': '{count} waiting for review',

  'portal.login.title': 'Sign in',
  'portal.login.email': 'E-mail address',
  'portal.login.hint': 'We send you a link to sign in. It works once, for {minutes} minutes.',
  'portal.login.send': 'Send me a link',
  'portal.login.noAccount': 'New employer on OpWeg?',
  'portal.login.sentTitle': 'Check your e-mail',
  'portal.login.sent': 'If this address has an OpWeg account, a link to sign in is on its way. It works once, for {minutes} minutes.',
  'portal.login.rateLimited': 'Too many links were asked for. Please wait a quarter of an hour and try again.',
  'portal.login.confirmTitle': 'Sign in to OpWeg',
  'portal.login.confirm': 'Sign in',
  'portal.login.invalidTitle': 'This link no longer works',
  'portal.login.invalid': 'A sign-in link works once, for {minutes} minutes. Ask for a new one.',
  'portal.login.again': 'Ask for a new link',

  'portal.signup.title': 'Sign up as an employer',
  'portal.signup.intro': 'Post vacancies, internships, volunteering and company visits for residents of reception locations near you. The participation desk of your region reviews each listing before it appears.',
  'portal.signup.link': 'Sign up your organisation',
  'portal.signup.organisation': 'Your organisation',
  'portal.signup.you': 'You',
  'portal.signup.personName': 'Your name',
  'portal.signup.email': 'Your e-mail address',
  'portal.signup.send': 'Sign up',
  'portal.signup.sent': 'We sent a link to your address. Open it within {minutes} minutes to confirm your address: then your organisation is created and you are signed in.',

  'portal.org.name': 'Name of the organisation',
  'portal.org.kvk': 'KvK number (optional)',
  'portal.org.kvkHint': '8 digits, from the Chamber of Commerce register.',
  'portal.org.sector': 'Sector',
  'portal.org.address': 'Address',
  'portal.org.website': 'Website (optional)',
  'portal.org.contactEmail': 'Contact e-mail (optional)',
  'portal.org.contactPhone': 'Contact phone (optional)',
  'portal.org.regions': 'Regions you work in',
  'portal.org.offers': 'What you offer (optional)',

  'portal.error.title': 'Something went wrong',
  'portal.error.crossSite': 'This form was sent from another website, so it was refused. Open the page on OpWeg and try again.',
  'portal.error.unexpected': 'An unexpected error occurred. Please try again in a moment.',
  'portal.error.conflictHint': 'Open the page again to see the latest version.',
  'portal.error.home': 'Back to the portal',

  'portal.devmail.title': 'Local mailbox',
  'portal.devmail.intro': 'Mail the portal sent while running locally. Nothing leaves this machine.',
  'portal.devmail.empty': 'No mail yet.',
  'portal.devmail.to': 'To',

  'portal.mail.signin.subject': 'Your OpWeg sign-in link',
  'portal.mail.signin.body': 'Hello,\n\nOpen this link to sign in to the OpWeg portal:\n\n{link}\n\nThe link works once, for {minutes} minutes. If you did not ask for it, you can ignore this e-mail.\n\nOpWeg',
  'portal.mail.signup.subject': 'Confirm your OpWeg sign-up',
  'portal.mail.signup.body': 'Hello,\n\nOpen this link to confirm your address and create the account of {organisation} on OpWeg:\n\n{link}\n\nThe link works once, for {minutes} minutes. If you did not sign up, you can ignore this e-mail: nothing was stored.\n\nOpWeg',
  'portal.mail.invite.subject': 'You are invited to {organisation} on OpWeg',
  'portal.mail.invite.body': 'Hello,\n\nA colleague added you to {organisation} on OpWeg, where employers post work for residents of reception locations. Open this link to sign in:\n\n{link}\n\nThe link works once, for {minutes} minutes. Later, sign in at the portal with your e-mail address.\n\nOpWeg',
  'portal.mail.approve.subject': 'Published on OpWeg: {title}',
  'portal.mail.approve.body': 'Good news: the participation desk approved "{title}". Residents can now see it on OpWeg.\n\n{link}',
  'portal.mail.reject.subject': 'Not published on OpWeg: {title}',
  'portal.mail.reject.body': 'The participation desk did not approve "{title}". Their reason:\n\n{reason}\n\nYou can change the listing and submit it again:\n\n{link}',
  'portal.mail.requestChanges.subject': 'Changes asked for: {title}',
  'portal.mail.requestChanges.body': 'The participation desk asks you to change "{title}" before it is published:\n\n{reason}\n\nThe listing is a draft again. Change it and submit it once more:\n\n{link}',
  'portal.mail.digest.subject': '{count} listings wait for review in region {region}',
  'portal.mail.digest.body': '{count} listings wait for review in region {region}, oldest first:\n\n{listings}\n\nThe queue: {link}',
} as const;

export type PortalKey = keyof typeof portalEn;
export type PortalMessages = Record<PortalKey, string>;
