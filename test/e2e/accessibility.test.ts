// Accessibility end to end: axe (WCAG 2.1 A and AA, plus axe's best practices) on every screen in light
// and in dark must find nothing, and the keyboard walks the first screen in layout order with a visible
// focus outline on each control. axe is injected by @axe-core/playwright, which evaluates axe-core's
// source through the DevTools protocol (page.evaluate): the page's CSP (script-src 'self') does not
// apply to that, so the app's CSP stays as strict as it ships.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startApp, type AppHarness } from './support/app-harness.ts';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const themes = ['light', 'dark'] as const;

async function useTheme(page: Page, theme: (typeof themes)[number]): Promise<void> {
  await page.getByText(theme === 'light' ? 'Light' : 'Dark', { exact: true }).click();
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

/** axe's violations on the page as it is now, one line per rule with its impact and every target. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const unsure = results.incomplete.find((r) => r.id === 'color-contrast');
  if (unsure) console.log(`axe could not measure the contrast of ${unsure.nodes.length} elements: ${unsure.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  return results.violations.map((v) => {
    const targets = v.nodes.map((n) => n.target.join(' '));
    const more = targets.length > 5 ? ` and ${targets.length - 5} more` : '';
    return `${v.id} (${v.impact ?? 'no impact'}): ${targets.slice(0, 5).join(' | ')}${more}`;
  });
}

/** Runs axe in both themes and fails with every violation of both. */
async function assertNoViolations(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  for (const theme of themes) {
    await useTheme(page, theme);
    for (const v of await violations(page)) found.push(`${screen}, ${theme}: ${v}`);
    console.log(`axe ${screen} ${theme}: ${found.filter((f) => f.startsWith(`${screen}, ${theme}:`)).length} violations`);
  }
  await useTheme(page, 'light');
  assert.deepEqual(found, [], `axe found violations:\n${found.join('\n')}`);
}

interface Focused {
  name: string;
  region: number;
  top: number;
  bottom: number;
  left: number;
  outline: { style: string; width: number; contrast: number } | null;
}

/** The focused control: its accessible name, where it sits, and the focus outline drawn for it (on itself or, for
 * the hidden theme radios, on their label or group) with that outline's contrast against what is behind it. */
async function describeFocus(page: Page): Promise<Focused> {
  // The accessible name as Playwright computes it for assistive technology: `- role "name" [state]`.
  const snapshot = await page.locator(':focus').ariaSnapshot();
  const name = /^- [\w-]+ "((?:[^"\\]|\\.)*)"/.exec(snapshot)?.[1] ?? '';
  const where = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backgroundOf = (start: Element | null) => {
      for (let e = start; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const shown = (e: Element | null) => e && getComputedStyle(e).opacity !== '0' && e.getBoundingClientRect().width > 2;
    const drawn = [el, el.closest('label'), el.closest('fieldset')].find((e) => shown(e) && getComputedStyle(e!).outlineStyle !== 'none');
    let outline: Focused['outline'] = null;
    if (drawn) {
      const s = getComputedStyle(drawn);
      const behind = backgroundOf(parseFloat(s.outlineOffset) < 0 ? drawn : drawn.parentElement);
      const [a, b] = [luminance(rgb(s.outlineColor)), luminance(behind)];
      outline = { style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    }
    const box = el.getBoundingClientRect();
    const region = ['.titlebar', '.nav', 'main', '.statusbar'].findIndex((r) => el.closest(r));
    return { region, top: box.top, bottom: box.bottom, left: box.left, outline };
  });
  return { name, ...where };
}

describe('accessibility', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp({ tenantPolicy: 'any' });
    await app.page.getByTestId('demo-banner').waitFor();
    // tsx compiles this file with esbuild's keepNames, which wraps the helpers inside describeFocus's
    // page function in __name(); the page needs that helper too.
    await app.page.evaluate('globalThis.__name = (f) => f');
  });
  after(async () => {
    await app?.close();
  });

  test('Tab walks the first screen in layout order, each control with a visible focus outline, in both themes', async () => {
    const { page } = app;
    for (const theme of themes) {
      await useTheme(page, theme);
      await page.getByRole('searchbox', { name: 'Search devices' }).focus();
      // Back to the first control, then forward through all of them.
      for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('skip-link'))); i++) await page.keyboard.press('Shift+Tab');
      const walk: Focused[] = [await describeFocus(page)];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        walk.push(await describeFocus(page));
      }
      const themeLabel = theme === 'light' ? 'Light' : 'Dark';
      const banner = 'Demo tenant — simulated Intune and Workspace ONE data, nothing real is changed';
      const examples = ['FLOOR-LAG-001', 'LAB-DEM', 'remote.assist', 'MIG-BOTH-001'];
      assert.deepEqual(
        walk.map((f) => f.name),
        ['Skip to content', banner, 'Tenants', themeLabel, 'Lookup Ctrl+1', 'Search devices', 'Offline', 'Sync cache', 'Full sync', ...examples],
      );
      for (const [i, f] of walk.entries()) {
        assert.ok(f.outline && f.outline.width >= 2 && f.outline.contrast >= 3, `${theme}: ${f.name}: focus outline ${JSON.stringify(f.outline)}`);
        if (i < 2) continue; // the skip link sits over the title bar while focused
        const prev = walk[i - 1];
        const sameRow = f.top < prev.bottom && prev.top < f.bottom;
        const follows = f.region > prev.region || (f.region === prev.region && (sameRow ? f.left > prev.left : f.top >= prev.bottom));
        assert.ok(follows, `${theme}: ${f.name} comes after ${prev.name} in the Tab order but not in the layout`);
      }
    }
    await useTheme(page, 'light');
  });

  test('first screen', async () => {
    await app.page.getByRole('heading', { level: 1, name: 'Lookup' }).waitFor();
    await assertNoViolations(app.page, 'first screen');
  });

  test('lookup with a device card', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('MIG-BOTH-001');
    await page.getByRole('article', { name: 'Device MIG-BOTH-001' }).waitFor();
    await page.getByText('search finished').waitFor();
    await assertNoViolations(page, 'lookup');
    // A list long enough to scroll.
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('remote.assist');
    await page.waitForFunction(() => Number(document.querySelector('[role=option]')?.getAttribute('aria-setsize')) >= 30);
    await page.getByText('search finished').waitFor();
    await page.getByRole('article').waitFor();
    await assertNoViolations(page, 'lookup, long list');
  });

  test('logs with records, the reassignment explainer and a selected error', async () => {
    const { page } = app;
    await page.keyboard.press('Control+2');
    await page.getByRole('button', { name: "Open the demo device's logs" }).click();
    await page.getByRole('list', { name: 'Reassignment attempts' }).locator('.attempt').first().waitFor();
    await page.getByRole('grid', { name: 'Log records' }).focus();
    await page.keyboard.press('F8');
    await page.locator('.log-row.selected').waitFor();
    await page.locator('.detail-message').waitFor();
    await assertNoViolations(page, 'logs');
    await page.getByRole('button', { name: 'Timeline' }).click();
    await page.locator('.histogram-bar').first().waitFor();
    await assertNoViolations(page, 'logs timeline');
  });

  test('changes with a preview, then its job', async () => {
    const { page } = app;
    await page.keyboard.press('Control+1');
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('LAB-DEM-001');
    await page.getByRole('article', { name: 'Device LAB-DEM-001' }).getByRole('button', { name: /Remove the primary user/ }).click();
    await page.getByRole('region', { name: 'Preview' }).waitFor();
    await assertNoViolations(page, 'changes preview');
    await page.getByRole('button', { name: /^Start: change 1 device$/ }).click();
    await page.getByText(/1 done · 0 failed/).waitFor({ timeout: 20_000 });
    await assertNoViolations(page, 'changes jobs');
  });

  test('tenants with the profile form', async () => {
    const { page } = app;
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
    await page.getByRole('button', { name: 'Add a profile' }).click();
    await page.getByRole('form', { name: 'Tenant profile' }).waitFor();
    await assertNoViolations(page, 'tenants');
  });

  test('no console errors and no CSP violations', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
