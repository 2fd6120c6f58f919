import { readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import nl from '../../messages/nl.json' with { type: 'json' };
import { DEMO, either, fill, linkFromMail, newAccountAdmin, openAs } from './support';

// A suffix per run, so a retried test never collides with users an earlier attempt created.
const run = Date.now().toString(36);
type Messages = typeof en;

/** A new account with its own admin, for one import journey. */
async function importAdmin(browser: Browser, language: 'en' | 'nl', country: string, first: string, last: string): Promise<Page> {
  return (await newAccountAdmin(browser, { tag: `${language}-${run}`, language, country, first, last, domain: 'Import' })).page;
}

/** Users → ⋯ → Import users, in the page's language. */
async function openImport(page: Page, m: Messages) {
  await page.getByRole('navigation', { name: m.nav.label }).getByRole('link', { name: m.nav.users }).click();
  await expect(page.getByRole('heading', { name: m.users.title, exact: true })).toBeVisible();
  await page.getByRole('button', { name: m.import.ui.moreActions }).click();
  await page.getByRole('menuitem', { name: m.import.ui.title }).click();
  await expect(page.getByRole('heading', { name: m.import.ui.title })).toBeVisible();
}

const cell = (page: Page, m: Messages, column: string, row: number) => page.getByRole('textbox', { name: fill(m.import.ui.cellLabel, { column, row }), exact: true });

/** Types a new value into a preview cell and leaves it, which saves and re-validates the row. */
async function fixCell(page: Page, m: Messages, column: string, row: number, value: string) {
  const input = cell(page, m, column, row);
  await input.fill(value);
  await input.press('Tab');
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
}

/** IMP-4 then IMP-5: upload the valid rows, then send the new users their welcome mail. */
async function uploadAndWelcome(page: Page, m: Messages, count: number, firstAddress: string) {
  await page.getByRole('button', { name: fill(m.import.ui.commit_other, { count }) }).click();
  await expect(page.getByText(fill(m.import.ui.created_other, { count }))).toBeVisible({ timeout: 20_000 });
  // The page refreshes itself once the commit is done; a click during that refresh can be lost.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: m.import.ui.sendWelcome }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(m.users.bulk.done.sendWelcome, { done: count, skipped: 0, failed: 0 }) })).toBeVisible({ timeout: 20_000 });
  const link = await linkFromMail(firstAddress, '', '/welcome/');
  expect(link).toContain('/welcome/');
}

test.describe('bulk import of users (F-IMP)', () => {
  // Each journey signs in three people and runs two jobs: about 25 s alone, more on a busy machine.
  test.describe.configure({ timeout: 90_000 });
  test('an account admin fills the xlsx template, fixes two rows in the preview, uploads, and welcomes the new users', async ({ browser }, testInfo) => {
    const address = (name: string) => `${name}.${run}@import.example`;
    const page = await importAdmin(browser, 'en', 'GB', 'Imogen', 'Importer');
    await openImport(page, en);

    // IMP-1: the template, filled in as a person would in Excel.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: en.import.ui.templateXlsx }).click();
    const template = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(template)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'FIRST NAME', 'LAST NAME', 'NAME', 'EMAIL', 'ROLE']);
    sheet.addRow(['Ann', 'Archer', '', address('ann'), '']);
    sheet.addRow(['Ben', 'Baker', '', address('ben'), 'Account Admin']);
    sheet.addRow(['Cleo', 'Cooper', '', `cleo.${run}@@import.example`, 'User']); // row 4: invalid e-mail
    sheet.addRow(['', '', '', address('dana'), 'User']); // row 5: no name
    sheet.addRow(['Dirk', 'Dekker', '', address('dirk'), 'User']);
    const filled = testInfo.outputPath('users.xlsx');
    await workbook.xlsx.writeFile(filled);

    await page.getByLabel(en.import.ui.fileLabel).setInputFiles(filled);
    await page.getByRole('button', { name: en.import.ui.upload, exact: true }).click();

    // IMP-2/3: the preview, with per-cell messages, fixed in place.
    await expect(page.getByText(fill(en.import.ui.summary_other, { count: 5, errors: 2 }))).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(en.import.errors.invalidEmail)).toBeVisible();
    await expect(page.getByText(en.import.errors.nameRequired).first()).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await fixCell(page, en, 'EMAIL', 4, address('cleo'));
    await fixCell(page, en, 'FIRST NAME', 5, 'Dana');
    await expect(page.getByText(en.import.ui.noErrors)).toBeVisible();

    await uploadAndWelcome(page, en, 5, address('ann'));

    await page.getByRole('link', { name: en.import.ui.viewUsers }).click();
    await page.getByRole('searchbox', { name: en.users.list.search }).fill(run);
    const table = page.getByRole('table', { name: en.users.list.label });
    for (const name of ['Ann Archer', 'Ben Baker', 'Cleo Cooper', 'Dana', 'Dirk Dekker']) await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  });

  test('a Dutch account admin imports a semicolon CSV with Dutch headers and fixes a duplicate and a role', async ({ browser }, testInfo) => {
    const address = (name: string) => `${name}.${run}@import.example.nl`;
    const page = await importAdmin(browser, 'nl', 'NL', 'Ilse', 'Invoer');
    await openImport(page, nl);

    const csv = ['VOORNAAM;ACHTERNAAM;E-MAIL;ROL', `Joost;de Vries;${address('joost')};Gebruiker`, `Mies;Bakker;${address('joost')};Accountbeheerder`, `Kees;Jansen;${address('kees')};Baas`].join('\r\n');
    const file = testInfo.outputPath('gebruikers.csv');
    await writeFile(file, `\uFEFF${csv}\r\n`, 'utf8');
    await page.getByLabel(nl.import.ui.fileLabel).setInputFiles(file);
    await page.getByRole('button', { name: nl.import.ui.upload, exact: true }).click();

    await expect(page.getByText(fill(nl.import.ui.summary_other, { count: 3, errors: 2 }))).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(fill(nl.import.errors.duplicateInFile, { row: 2 }))).toBeVisible();
    await expect(page.getByText(fill(nl.import.errors.invalidRole, { value: 'Baas' }))).toBeVisible();
    await fixCell(page, nl, 'E-MAIL', 3, address('mies'));
    const role = page.getByRole('combobox', { name: fill(nl.import.ui.cellLabel, { column: 'ROL', row: 4 }) });
    await role.selectOption('Gebruiker');
    await expect(page.getByText(nl.import.ui.noErrors)).toBeVisible();

    await uploadAndWelcome(page, nl, 3, address('joost'));
  });

  test('a file that is not a spreadsheet is refused with a clear message and nothing is kept', async ({ page }, testInfo) => {
    await openAs(page, DEMO.contosoAdmin);
    const picker = page.getByLabel(either(en.footer.language, nl.footer.language));
    if ((await page.locator('html').getAttribute('lang')) !== 'en') await picker.selectOption('en');
    await openImport(page, en);
    const file = testInfo.outputPath('photo.png');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    await page.getByLabel(en.import.ui.fileLabel).setInputFiles(file);
    await page.getByRole('button', { name: en.import.ui.upload, exact: true }).click();
    await expect(page.getByText(en.import.file.notSpreadsheet)).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: en.import.ui.discard }).click();
    await expect(page.getByRole('heading', { name: en.users.title, exact: true })).toBeVisible();
  });

  test('a CSV saved as Windows-1252 keeps its accents, and the preview says how it was read', async ({ page }, testInfo) => {
    await openAs(page, DEMO.contosoAdmin);
    const picker = page.getByLabel(either(en.footer.language, nl.footer.language));
    if ((await page.locator('html').getAttribute('lang')) !== 'en') await picker.selectOption('en');
    await openImport(page, en);
    // Excel's plain "CSV" on Western European Windows: ë, ü, ç and è are single bytes, not UTF-8.
    const text = `FIRST NAME;LAST NAME;EMAIL\r\nZoë;Müller;zoe.${run}@import.example\r\nFrançois;Lefèvre;francois.${run}@import.example\r\n`;
    const file = testInfo.outputPath('users-ansi.csv');
    await writeFile(file, Buffer.from(text, 'latin1'));
    await page.getByLabel(en.import.ui.fileLabel).setInputFiles(file);
    await page.getByRole('button', { name: en.import.ui.upload, exact: true }).click();
    await expect(page.getByText(en.import.ui.readAsWindows1252)).toBeVisible({ timeout: 20_000 });
    await expect(cell(page, en, 'FIRST NAME', 2)).toHaveValue('Zoë');
    await expect(cell(page, en, 'LAST NAME', 2)).toHaveValue('Müller');
    await expect(cell(page, en, 'FIRST NAME', 3)).toHaveValue('François');
    await expect(cell(page, en, 'LAST NAME', 3)).toHaveValue('Lefèvre');
    await page.getByRole('button', { name: en.common.cancel, exact: true }).click();
    await page.getByRole('button', { name: en.import.ui.discard }).click();
    await expect(page.getByRole('heading', { name: en.users.title, exact: true })).toBeVisible();
  });
});
