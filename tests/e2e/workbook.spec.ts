// The Excel workbook: made by its own worker only when asked for, downloaded, then recalculated by
// an independent spreadsheet engine (tools/recalc_xlsx.py): its formulas give the oracle's NPVs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect } from './helpers';
import { cell, open } from './locators';
import { EXAMPLE, figures, money } from './oracle';

test.use({ locale: 'en-US', timezoneId: 'UTC' });

const python = process.env.RECALC_PYTHON ?? resolve('.venv-recalc/bin/python');

function recalculate(path: string): Record<string, Record<string, number | string>> {
  expect(existsSync(python), `${python}: run bash tools/recalc-setup.sh`).toBe(true);
  return JSON.parse(execFileSync(python, ['tools/recalc_xlsx.py', path], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('the workbook is loaded only when asked for, and its formulas recalculate to the figures on screen', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await open(page);
  // the charts and the simulation may start the other worker; the workbook's waits for the button
  await expect(cell(page, 'npv', 0)).toHaveText(money(figures(EXAMPLE[0]).npv));
  expect(asked.some((u) => /workbook/.test(u))).toBe(false);

  const button = page.getByRole('button', { name: 'Excel workbook' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('fy27-it-investment-candidates.xlsx');
  expect(asked.some((u) => /workbook_bg\.wasm$/.test(u))).toBe(true);
  const file = test.info().outputPath('example.xlsx');
  await download.saveAs(file);
  const values = recalculate(file);

  const sheets = Object.keys(values);
  expect(sheets.slice(0, 2)).toEqual(['Summary', 'Comparison']);
  expect(sheets).toContain('Assumptions');
  EXAMPLE.forEach((init, k) => {
    const npv = values.Comparison[`C${k + 2}`] as number;
    // the oracle's NPV, and the screen's to the dollar
    expect(Math.abs(npv - figures(init).npv)).toBeLessThanOrEqual(1);
    expect(sheets[2 + k].startsWith(`${k + 1} `)).toBe(true);
    expect(Math.abs((values[sheets[2 + k]].B15 as number) - figures(init).payback!)).toBeLessThan(1e-6);
  });
  for (let k = 0; k < EXAMPLE.length; k++) {
    const shown = Number((await cell(page, 'npv', k).innerText()).replace(/[^0-9.-]/g, ''));
    expect(Math.abs((values.Comparison[`C${k + 2}`] as number) - shown)).toBeLessThanOrEqual(1);
  }
  await expect(button).toHaveText('Excel workbook');
});

test('with ranges the workbook has the simulation sheet; with a problem it is refused beside the problem', async ({ page }) => {
  await open(page);
  const cost = page.getByRole('article', { name: EXAMPLE[0].name, exact: true }).getByLabel('One-time cost', { exact: true });
  await cost.fill('60000-120000');
  await expect(page.getByTestId('stale-banner')).toBeHidden();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook' }).click()]);
  const file = test.info().outputPath('ranges.xlsx');
  await download.saveAs(file);
  const values = recalculate(file);
  expect(Object.keys(values)).toContain('Simulation');

  await cost.fill('abc');
  await page.getByRole('button', { name: 'Excel workbook' }).click();
  await expect(page.getByTestId('notice')).toContainText('cannot be exported while an input has a problem');
});
