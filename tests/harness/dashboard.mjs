// The merchant dashboard as a page object: sign in, move between sections, run axe, take the
// desktop and phone screenshots, and watch that the key never leaves sessionStorage.
import AxeBuilder from '@axe-core/playwright';
import { screenshot } from './browser.mjs';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh context and page on the dashboard, recording every URL the page asks for;
 * `prepare(page)` runs before the first navigation (to inject a wallet, say).
 */
export async function openDashboard(browser, baseUrl, viewport = DESKTOP, { prepare } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const urls = [];
  const errors = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  if (prepare) await prepare(page);
  await page.goto(`${baseUrl}/dashboard/`);
  return { context, page, urls, errors };
}

/** Signs in with `key` through the form, and waits for the shell's mode badge. */
export async function signIn(page, key) {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#mode-badge').waitFor({ timeout: 15000 });
}

/** Opens a section by its tab. */
export async function section(page, name) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The serious and critical violations axe finds on the page, summarised. */
export async function violations(page) {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Screenshots the page as it is, at desktop width then at phone width, as dashboard-<name>-*. */
export async function screenshots(page, name) {
  const size = page.viewportSize();
  await page.setViewportSize(DESKTOP);
  const desktop = await screenshot(page, `dashboard-${name}-desktop`);
  await page.setViewportSize(PHONE);
  const phone = await screenshot(page, `dashboard-${name}-phone`);
  await page.setViewportSize(size);
  return [desktop, phone];
}

/** Presses Tab until the focused element's text or label matches `name` (at most `max` times). */
export async function tabTo(page, name, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      // The page itself holds every word: only a control that Tab stopped on counts.
      if (!el || el === document.body || el.tabIndex < 0) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return `${el.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el.textContent ?? ''} ${el.value ?? ''}`;
    });
    if (typeof name === 'string' ? focused.includes(name) : name.test(focused)) return focused;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Where the key could leak in the browser: every URL asked for, localStorage and cookies. */
export async function keyLeaks(context, page, urls, key) {
  const leaks = urls.filter((url) => url.includes(key)).map((url) => `url ${url}`);
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  if (local.includes(key)) leaks.push('localStorage');
  for (const cookie of await context.cookies()) {
    if (cookie.value.includes(key) || cookie.name.includes(key)) leaks.push(`cookie ${cookie.name}`);
  }
  if (page.url().includes(key)) leaks.push(`location ${page.url()}`);
  return leaks;
}
