// Drives the Voxgate browser voice page in headless Chromium with a WAV file as the microphone
// and checks that audio flowed both ways, DTMF was acknowledged and the call hung up cleanly.
//
// usage: node driver.mjs PAGE_URL MIC_WAV
// Uses the system Chromium (/usr/bin/chromium or $CHROMIUM); never downloads a browser.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, wav] = process.argv.slice(2);
if (!url || !wav) {
  console.error('usage: node driver.mjs PAGE_URL MIC_WAV');
  process.exit(2);
}

const profileDir = mkdtempSync(join(tmpdir(), 'vg-chromium-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ],
});

let failed = false;
const fail = (msg) => {
  console.error(`FAIL: ${msg}`);
  failed = true;
};

try {
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => console.log(`[page] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));
  await page.goto(url);
  await page.click('#toggle');
  await page.waitForFunction(() => window.voxgate.state === 'connected', null, { timeout: 15000 });
  // 3 s of microphone audio up, and the echo coming back down.
  await page.waitForFunction(
    () => window.voxgate.framesSent >= 150 && window.voxgate.framesReceived >= 100,
    null,
    { timeout: 20000 },
  );
  await page.click('#keypad button[data-digit="5"]');
  await page.waitForFunction(() => window.voxgate.dtmfAcks.includes('5'), null, { timeout: 5000 });
  // Let the playback worklet report what it played.
  await page.waitForFunction(() => window.voxgate.played > 16000, null, { timeout: 10000 });
  const stats = await page.evaluate(() => ({ ...window.voxgate, dtmfAcks: [...window.voxgate.dtmfAcks] }));
  await page.click('#toggle');
  await page.waitForFunction(() => window.voxgate.state !== 'connected', null, { timeout: 5000 });
  console.log(`STATS ${JSON.stringify(stats)}`);
  if (stats.framesSent < 150) fail(`only ${stats.framesSent} frames sent`);
  if (stats.framesReceived < 100) fail(`only ${stats.framesReceived} frames received`);
  if (stats.bytesReceived !== stats.framesReceived * 640) fail('received frames are not 20 ms at 16 kHz');
  if (stats.lastError) fail(`page error code ${stats.lastError}`);
  // Real audio both ways, not silence: the WAV's speech after the browser's audio processing,
  // and its echo after the server's round trip.
  if (stats.peakSent < 1000) fail(`microphone frames are silent (peak ${stats.peakSent})`);
  if (stats.peakReceived < 1000) fail(`echoed frames are silent (peak ${stats.peakReceived})`);
} catch (e) {
  fail(e.message);
} finally {
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('browser e2e: OK');
