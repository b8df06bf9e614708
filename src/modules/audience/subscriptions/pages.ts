import { html, publicPage } from '../../../platform/http/public-page.ts';
import { LANGUAGES, PAUSE_DAYS, type PreferencesView } from './preferences.ts';

// The server-rendered pages of unsubscribe and the preference centre. Plain forms, no script: they work in any
// browser, with a keyboard, and under the strict CSP.

const languageName = (code: string, inLang: string) => {
  try {
    return new Intl.DisplayNames([inLang, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

const listNames = (lists: { name: string }[]) => lists.map((l) => l.name).join(', ');

export function renderUnsubscribe(opts: {
  email: string;
  lists: { id: string; name: string }[];
  prefsToken: string | null;
}): string {
  const what = opts.lists.length
    ? html`<p>Stop sending <strong>${listNames(opts.lists)}</strong> emails to <strong>${opts.email}</strong>?</p>`
    : html`<p>Stop all marketing emails to <strong>${opts.email}</strong>?</p>`;
  return publicPage({
    title: 'Unsubscribe',
    body: html`<h1>Unsubscribe</h1>${what}
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<input type="hidden" name="page" value="1">
<button type="submit">Unsubscribe</button>
</form>
${opts.prefsToken ? html`<p class="muted">Or <a href="/p/prefs/${opts.prefsToken}">choose which emails you get</a>.</p>` : ''}`,
  });
}

export function renderUnsubscribed(opts: {
  lists: { name: string }[];
  all: boolean;
  prefsToken: string | null;
}): string {
  const what = opts.all
    ? 'You will not receive marketing emails from us any more.'
    : `You will not receive ${listNames(opts.lists)} emails any more.`;
  return publicPage({
    title: 'You are unsubscribed',
    body: html`<h1>You are unsubscribed</h1><p>${what}</p>
${opts.prefsToken ? html`<p class="muted">Changed your mind? <a href="/p/prefs/${opts.prefsToken}">Manage your email preferences</a>.</p>` : ''}`,
  });
}

export function renderPreferences(view: PreferencesView, opts: { saved: boolean }): string {
  const lang = view.language ?? 'en';
  const languages = [...new Set([...(view.language ? [view.language] : []), ...LANGUAGES])];
  const pausedText = view.pausedUntil ? view.pausedUntil.toISOString().slice(0, 10) : null;
  return publicPage({
    title: 'Email preferences',
    lang,
    body: html`<h1>Email preferences</h1>
<p class="muted">For ${view.email}</p>
${opts.saved ? html`<p role="status"><strong>Your preferences are saved.</strong></p>` : ''}
${view.unsubscribedAll ? html`<p role="status">You are unsubscribed from all our emails. Tick a list below to come back.</p>` : ''}
<form method="post">
<input type="hidden" name="action" value="save">
${
  view.lists.length
    ? html`<fieldset><legend>Lists</legend><ul class="plain">${view.lists.map(
        (l) =>
          html`<li><label class="check"><input type="checkbox" name="lists" value="${l.id}"${
            l.status === 'subscribed' || l.status === 'pending' ? html` checked` : ''
          }> <span>${l.name}${l.description ? html`<br><span class="muted">${l.description}</span>` : ''}</span></label></li>`,
      )}</ul></fieldset>`
    : ''
}
<label for="language">Language</label>
<select id="language" name="language">${languages.map(
      (code) =>
        html`<option value="${code}"${code === view.language ? html` selected` : ''}>${languageName(code, lang)}</option>`,
    )}</select>
<fieldset><legend>Take a break</legend>
${pausedText ? html`<label class="check"><input type="radio" name="pause" value="keep" checked> Stay paused until ${pausedText}</label>` : ''}
<label class="check"><input type="radio" name="pause" value="0"${pausedText ? '' : html` checked`}> ${pausedText ? 'Resume now' : 'Keep sending'}</label>
${PAUSE_DAYS.map((d) => html`<label class="check"><input type="radio" name="pause" value="${d}"> Pause all emails for ${d} days</label>`)}
</fieldset>
<button type="submit">Save preferences</button>
</form>
<form method="post">
<input type="hidden" name="action" value="unsubscribe_all">
<button type="submit" class="secondary">Unsubscribe from all emails</button>
</form>`,
  });
}
