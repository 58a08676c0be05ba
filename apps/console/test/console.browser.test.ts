import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basicAppBin, everythingBin, isAlive, waitUntil } from '@org/mcp-demo-servers';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRun, runConsole } from '../src/runConsole.js';

// The built console (`pnpm build`) against real servers over stdio, in Debian's headless Chromium, once per file.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pageDir = fileURLToPath(new URL('../dist/page', import.meta.url));
const screenshot = process.env.CONSOLE_SCREENSHOT;
const WAIT = 60_000;
/** An env value of a config: it must never reach the page. */
const SECRET = 'console-secret-value-5b1e';

let run: ConsoleRun;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${pageDir}/app.js`))
    throw new Error('Build the console first: pnpm --filter @org/mcp-console build');
  run = await runConsole(
    {
      mcpServers: {
        everything: { command: process.execPath, args: [everythingBin(), 'stdio'] },
        'basic-app': { command: process.execPath, args: [basicAppBin(), '--stdio'] },
        broken: {
          command: 'mcp-server-that-does-not-exist',
          args: ['--on-purpose'],
          env: { API_TOKEN: SECRET },
        },
      },
    },
    { pageDir },
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(run.console.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await run?.stop();
});

const card = (server: string) => page.locator(`[data-server="${server}"]`);

async function selectServer(server: string): Promise<void> {
  await card(server).click();
  await page.locator('#detail-title', { hasText: server }).waitFor({ timeout: WAIT });
  await page.locator('#call-tool').waitFor({ timeout: WAIT });
}

describe('the console in a browser', () => {
  it("shows every server's state, live", async () => {
    await page.locator('[data-server="everything"][data-state="connected"]').waitFor({ timeout: WAIT });
    await page.locator('[data-server="basic-app"][data-state="connected"]').waitFor({ timeout: WAIT });
    await page.locator('[data-server="broken"][data-state="failed"]').waitFor({ timeout: WAIT });
    await expect(card('everything').locator('[data-role="tools"]').textContent()).resolves.toMatch(
      /^\d+ tools$/,
    );
    await expect(card('broken').textContent()).resolves.toContain('SPAWN_FAILED');
    await expect(page.locator('#live').textContent()).resolves.toBe('live');
    await card('broken').click();
    await page.locator('#detail-title', { hasText: 'broken' }).waitFor({ timeout: WAIT });
    await page.locator('[data-role="logs"] li').first().waitFor({ timeout: WAIT });
    expect(await page.content()).not.toContain(SECRET);
  });

  it('calls a tool from the form and shows its result as content blocks; bad JSON is refused before sending', async () => {
    await selectServer('everything');
    await page.selectOption('#call-tool', 'everything__echo');
    await page.fill('#call-args', '{"message": ');
    await expect(page.getAttribute('#call-args', 'aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#call-problem').textContent()).resolves.toMatch(/^Not valid/);
    await page.fill('#call-args', '{"message": "hello from the console"}');
    // Keyboard: Ctrl+Enter in the editor calls.
    await page.press('#call-args', 'Control+Enter');
    const text = page.locator('[data-role="result"] [data-block="text"]');
    await text.waitFor({ timeout: WAIT });
    await expect(text.textContent()).resolves.toBe('Echo: hello from the console');
    await page
      .locator('[data-server="everything"] [data-role="calls"]', { hasText: 'calls 1 (0 failed)' })
      .waitFor({ timeout: WAIT });
  });

  it('shows a server whose process was killed restarting and back, with a new pid', async () => {
    const pidText = await card('everything').locator('[data-role="pid"]').getAttribute('data-pid');
    const pid = Number(pidText);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !isAlive(pid), `pid ${pid} gone`, WAIT);
    await page
      .locator('[data-server="everything"][data-state="connected"] [data-role="restarts"]', {
        hasText: 'restarts 1',
      })
      .waitFor({ timeout: WAIT });
    const again = Number(await card('everything').locator('[data-role="pid"]').getAttribute('data-pid'));
    expect(again).not.toBe(pid);
    // The server's log on the page tells the story: it went away and came back.
    await page
      .locator('[data-role="logs"] li', { hasText: 'connected → reconnecting' })
      .waitFor({ timeout: WAIT });
    await page
      .locator('[data-role="logs"] li', { hasText: 'reconnecting → connected' })
      .waitFor({ timeout: WAIT });
  });

  it("renders an MCP App from npm, and the view's button calls its tool through the manager", async () => {
    await selectServer('basic-app');
    await page.selectOption('#call-tool', 'basic-app__get-time');
    await page.click('form.call button[type="submit"]');
    await page.locator('[data-role="result"]').waitFor({ timeout: WAIT });
    await page.locator('iframe[data-role="app-view"]').waitFor({ timeout: WAIT });
    const frame = page.frameLocator('iframe[data-role="app-view"]');
    const button = frame.getByRole('button', { name: 'Get Server Time' });
    await button.waitFor({ timeout: WAIT });
    await expect(page.getAttribute('iframe[data-role="app-view"]', 'sandbox')).resolves.toBe(
      'allow-scripts allow-forms',
    );
    const calls = card('basic-app').locator('[data-role="calls"]');
    await page
      .locator('[data-server="basic-app"] [data-role="calls"]', { hasText: 'calls 1 ' })
      .waitFor({ timeout: WAIT });
    await button.click();
    // The view's tools/call reached the manager: the server's call count (a manager hook) went up.
    await page
      .locator('[data-server="basic-app"] [data-role="calls"]', { hasText: 'calls 2 ' })
      .waitFor({ timeout: WAIT });
    await expect(calls.textContent()).resolves.toBe('calls 2 (0 failed)');
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  });

  it('stays readable in a narrow window: one column, nothing wider than the window', async () => {
    await page.setViewportSize({ width: 380, height: 800 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('is usable from the keyboard: Tab reaches a server, Enter opens it, and focus survives live updates', async () => {
    await page.locator('[data-server="broken"]').focus();
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.server)).resolves.toBe(
      'basic-app',
    );
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('#detail-title', { hasText: 'everything' }).waitFor({ timeout: WAIT });
    // A call redraws the server list; the focused card is focused again afterwards.
    await page.locator('[data-server="everything"]').focus();
    await run.manager.callTool('everything__echo', { message: 'redraw' });
    await page
      .locator('[data-server="everything"] [data-role="calls"]', { hasText: 'calls 2 ' })
      .waitFor({ timeout: WAIT });
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.server)).resolves.toBe(
      'everything',
    );
  });

  it('refuses requests without the token, with a wrong token, or for another Host', async () => {
    const base = new URL(run.console.url);
    const token = base.searchParams.get('t') ?? '';
    const at = (path: string, init?: RequestInit) =>
      fetch(new URL(path, base.origin), init).then((r) => r.status);
    await expect(at('/')).resolves.toBe(403);
    await expect(at('/api/state')).resolves.toBe(403);
    await expect(at(`/api/state?t=${token.slice(1)}x`)).resolves.toBe(403);
    await expect(at('/api/state', { headers: { 'x-console-token': token } })).resolves.toBe(200);
    const rebound = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) =>
        request(
          `${base.origin}/api/state?t=${token}`,
          { headers: { host: `evil.example:${base.port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end(),
      );
    });
    expect(rebound).toBe(421);
  });
});
