import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ValidationError } from '../../shared/errors.js';
import { PortalLocale } from '../../shared/domain/session.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { completeSignIn, requestEmployerSignup, requestSignIn, signOut } from '../../shared/services/auth.js';
import { LOGIN_TOKEN_MINUTES } from '../../shared/services/login-link.js';
import { clientAddress, cookieName, cookieOptions, formOf, one, SESSION_COOKIE, sessionCookie, setLocale, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { blankForm, CheckboxGroup, ErrorSummary, TextArea, TextField, type FormState } from './form.js';
import { PortalPage } from './layout.js';

/** Sign-in by e-mail link, sign-out, employer sign-up, the language switch. */
export function authRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();

  const loginPage = (c: PortalContext, state: FormState, notice?: string, status: 200 | 422 | 429 = 200) =>
    c.html(
      <PortalPage c={c} title={tr(c, 'portal.login.title')}>
        <h1>{tr(c, 'portal.login.title')}</h1>
        {notice ? <p class="notice" role="alert">{notice}</p> : null}
        <ErrorSummary locale={c.get('locale')} state={state} labels={{ email: tr(c, 'portal.login.email') }} />
        <form method="post" action="/portal/login" novalidate>
          <TextField locale={c.get('locale')} state={state} name="email" type="email" autocomplete="email" required label={tr(c, 'portal.login.email')} hint={tr(c, 'portal.login.hint', { minutes: LOGIN_TOKEN_MINUTES })} />
          <button type="submit">{tr(c, 'portal.login.send')}</button>
        </form>
        <p>
          {tr(c, 'portal.login.noAccount')} <a href="/portal/signup">{tr(c, 'portal.signup.link')}</a>
        </p>
      </PortalPage>,
      status,
    );

  app.get('/login', (c) => (c.get('actor').kind === 'person' ? c.redirect('/portal/') : loginPage(c, blankForm())));

  app.post('/login', async (c) => {
    const form = await formOf(c);
    try {
      const result = await requestSignIn(p.ctx, p.deps.signIns, { email: one(form.email), locale: c.get('locale') }, clientAddress(p, c));
      if (result === 'rate-limited') return loginPage(c, blankForm(form), tr(c, 'portal.login.rateLimited'), 429);
    } catch (e) {
      if (e instanceof ValidationError) return loginPage(c, { values: form, errors: e.fields }, undefined, 422);
      throw e;
    }
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.login.sentTitle')}>
        <h1>{tr(c, 'portal.login.sentTitle')}</h1>
        <p>{tr(c, 'portal.login.sent', { minutes: LOGIN_TOKEN_MINUTES })}</p>
        {p.deps.outbox ? (
          <p class="notice">
            <a href="/dev/mail">{tr(c, 'portal.devmail.title')}</a>
          </p>
        ) : null}
      </PortalPage>,
    );
  });

  // Opening the link only shows a button: mail scanners that fetch links must not use them up.
  app.get('/login/confirm', (c) =>
    c.html(
      <PortalPage c={c} title={tr(c, 'portal.login.confirmTitle')}>
        <h1>{tr(c, 'portal.login.confirmTitle')}</h1>
        <form method="post" action="/portal/login/confirm">
          <input type="hidden" name="token" value={c.req.query('token') ?? ''} />
          <button type="submit">{tr(c, 'portal.login.confirm')}</button>
        </form>
      </PortalPage>,
    ),
  );

  app.post('/login/confirm', async (c) => {
    const form = await formOf(c);
    const signedIn = await completeSignIn(p.ctx, one(form.token));
    if (!signedIn) {
      return c.html(
        <PortalPage c={c} title={tr(c, 'portal.login.invalidTitle')}>
          <h1>{tr(c, 'portal.login.invalidTitle')}</h1>
          <p>{tr(c, 'portal.login.invalid', { minutes: LOGIN_TOKEN_MINUTES })}</p>
          <p>
            <a href="/portal/login">{tr(c, 'portal.login.again')}</a>
          </p>
        </PortalPage>,
        400,
      );
    }
    // A new session id at every sign-in; a session this browser had before ends.
    await signOut(p.ctx, sessionCookie(p, c), c.get('actor'));
    setCookie(c, cookieName(p, SESSION_COOKIE), signedIn.sessionId, cookieOptions(p, signedIn.maxAgeSeconds));
    setLocale(p, c, signedIn.locale);
    return c.redirect('/portal/', 303);
  });

  app.post('/logout', async (c) => {
    await signOut(p.ctx, sessionCookie(p, c), c.get('actor'));
    deleteCookie(c, cookieName(p, SESSION_COOKIE), cookieOptions(p));
    return c.redirect('/portal/login', 303);
  });

  app.get('/lang/:locale', (c) => {
    const locale = PortalLocale.safeParse(c.req.param('locale'));
    if (locale.success) setLocale(p, c, locale.data);
    const back = c.req.query('back') ?? '';
    // Only back into the portal: never an open redirect.
    return c.redirect(back.startsWith('/portal/') ? back : '/portal/', 303);
  });

  const signupPage = async (c: PortalContext, state: FormState, notice?: string, status: 200 | 422 | 429 = 200) => {
    const locale = c.get('locale');
    const { regions } = await getDirectory(p.deps.db);
    const labels = {
      name: tr(c, 'portal.org.name'), kvk: tr(c, 'portal.org.kvk'), sector: tr(c, 'portal.org.sector'), address: tr(c, 'portal.org.address'),
      website: tr(c, 'portal.org.website'), contactEmail: tr(c, 'portal.org.contactEmail'), contactPhone: tr(c, 'portal.org.contactPhone'),
      regionIds: tr(c, 'portal.org.regions'), offers: tr(c, 'portal.org.offers'), personName: tr(c, 'portal.signup.personName'), email: tr(c, 'portal.signup.email'),
    };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.signup.title')}>
        <h1>{tr(c, 'portal.signup.title')}</h1>
        <p>{tr(c, 'portal.signup.intro')}</p>
        {notice ? <p class="notice" role="alert">{notice}</p> : null}
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="post" action="/portal/signup" novalidate>
          <fieldset>
            <legend>{tr(c, 'portal.signup.organisation')}</legend>
            <TextField locale={locale} state={state} name="name" label={labels.name} required autocomplete="organization" />
            <TextField locale={locale} state={state} name="kvk" label={labels.kvk} hint={tr(c, 'portal.org.kvkHint')} inputmode="numeric" />
            <TextField locale={locale} state={state} name="sector" label={labels.sector} required />
            <TextField locale={locale} state={state} name="address" label={labels.address} required />
            <TextField locale={locale} state={state} name="website" label={labels.website} type="url" />
            <TextField locale={locale} state={state} name="contactEmail" label={labels.contactEmail} type="email" />
            <TextField locale={locale} state={state} name="contactPhone" label={labels.contactPhone} type="tel" />
            <CheckboxGroup locale={locale} state={state} name="regionIds" label={labels.regionIds} options={regions.map((r) => ({ value: r.id, label: r.name }))} />
            <TextArea locale={locale} state={state} name="offers" label={labels.offers} rows={3} />
          </fieldset>
          <fieldset>
            <legend>{tr(c, 'portal.signup.you')}</legend>
            <TextField locale={locale} state={state} name="personName" label={labels.personName} required autocomplete="name" />
            <TextField locale={locale} state={state} name="email" label={labels.email} type="email" required autocomplete="email" />
          </fieldset>
          <button type="submit">{tr(c, 'portal.signup.send')}</button>
        </form>
      </PortalPage>,
      status,
    );
  };

  app.get('/signup', (c) => signupPage(c, blankForm()));

  app.post('/signup', async (c) => {
    const form = await formOf(c);
    const input = {
      ...Object.fromEntries(['name', 'kvk', 'sector', 'address', 'website', 'contactEmail', 'contactPhone', 'personName', 'email', 'offers'].map((k) => [k, one(form[k]).trim() || undefined])),
      regionIds: form.regionIds === undefined ? [] : [form.regionIds].flat(),
    };
    try {
      const result = await requestEmployerSignup(p.ctx, input, clientAddress(p, c), c.get('locale'));
      if (result === 'rate-limited') return signupPage(c, blankForm(form), tr(c, 'portal.login.rateLimited'), 429);
    } catch (e) {
      if (e instanceof ValidationError) return signupPage(c, { values: form, errors: e.fields }, undefined, 422);
      throw e;
    }
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.login.sentTitle')}>
        <h1>{tr(c, 'portal.login.sentTitle')}</h1>
        <p>{tr(c, 'portal.signup.sent', { minutes: LOGIN_TOKEN_MINUTES })}</p>
      </PortalPage>,
    );
  });

  return app;
}
