import { describe, expect, it } from 'vitest';
import { columnOf, mapHeaders, rowFromCells, TEMPLATE_HEADERS, type ColumnKey } from '@/lib/import/columns';
import { normaliseLabel } from '@/lib/import/normalise';

const order: ColumnKey[] = ['firstName', 'lastName', 'name', 'email', 'role'];
const full = { firstName: 0, lastName: 1, name: 2, email: 3, role: 4 };

describe('mapHeaders: the template in each UI language', () => {
  it.each(Object.entries(TEMPLATE_HEADERS))('%s', (_lang, labels) => {
    expect(mapHeaders(order.map((key) => labels[key]))).toEqual({ ok: true, columns: full });
  });

  it.each([
    ['nl', ['VOORNAAM', 'ACHTERNAAM', 'NAAM', 'E-MAIL', 'ROL']],
    ['nl (vendor manual: FUNCTIE)', ['Voornaam', 'Achternaam', 'Naam', 'E-mailadres', 'Functie']],
    ['fr', ['PRÉNOM', 'NOM DE FAMILLE', 'NOM', 'E-MAIL', 'RÔLE']],
    ['it', ['NOME', 'COGNOME', 'NOME VISUALIZZATO', 'E-MAIL', 'RUOLO']],
    ['de', ['VORNAME', 'NACHNAME', 'NAME', 'E-MAIL', 'ROLLE']],
    ['es', ['NOMBRE', 'APELLIDOS', 'NOMBRE PARA MOSTRAR', 'CORREO ELECTRÓNICO', 'ROL']],
  ])('written out: %s', (_lang, cells) => {
    expect(mapHeaders(cells)).toEqual({ ok: true, columns: full });
  });
});

describe('mapHeaders: forgiving spelling', () => {
  it.each([
    ['lower case, BOM, extra spaces', ['\uFEFFfirst name', '  Last   Name ', 'name', 'email', 'role']],
    ['no accents, mixed case', ['prenom', 'Nom De Famille', 'nom', 'e-mail', 'role']],
    ['accents where none belong, tabs', ['Fïrst Nàme', 'LAST\tNAME', 'NAME', 'É-MAIL', 'RÔLE']],
    ['mixed languages', ['Voornaam', 'Nachname', 'Display Name', 'Courriel', 'Ruolo']],
    ['e-mail variants', ['FIRST NAME', 'LAST NAME', 'NAME', 'E-mail address', 'ROLE']],
    ['trailing empty header cells', ['FIRST NAME', 'LAST NAME', 'NAME', 'EMAIL', 'ROLE', '', '  ']],
  ])('%s', (_case, cells) => {
    expect(mapHeaders(cells)).toEqual({ ok: true, columns: full });
  });

  it.each(['EMAIL', 'E-MAIL', 'Email', 'e mail', 'E-MAILADRES', 'E-Mail-Adresse', 'Adresse e-mail', 'Correo', 'Indirizzo email'])(
    'e-mail header %j',
    (header) => expect(columnOf(header)).toBe('email'),
  );

  it('keeps the false friends apart: it NOME / es NOMBRE are first names, fr NOM is the name', () => {
    expect([columnOf('Nome'), columnOf('Nombre'), columnOf('Nom'), columnOf('Name')]).toEqual(['firstName', 'firstName', 'name', 'name']);
  });

  it('accepts any order and optional columns (no ROLE, only NAME)', () => {
    expect(mapHeaders(['EMAIL', 'NAME'])).toEqual({ ok: true, columns: { email: 0, name: 1 } });
    expect(mapHeaders(['ROLE', 'E-MAIL', 'LAST NAME'])).toEqual({ ok: true, columns: { role: 0, email: 1, lastName: 2 } });
  });

  it('normalises labels', () => {
    expect(normaliseLabel('\uFEFF  Prénom  de  l’Utilisateur ')).toBe('prenomdelutilisateur');
  });
});

describe('mapHeaders: problems', () => {
  it.each([
    ['missing EMAIL', ['FIRST NAME', 'LAST NAME', 'NAME', 'ROLE'], { problem: 'missingEmail', detail: { found: ['firstName', 'lastName', 'name', 'role'] } }],
    ['no name column', ['EMAIL', 'ROLE'], { problem: 'noNameColumn', detail: { found: ['email', 'role'] } }],
    ['empty header row', [], { problem: 'missingEmail', detail: { found: [] } }],
    ['duplicate column', ['NAME', 'EMAIL', 'E-mail'], { problem: 'duplicateColumn', detail: { column: 'email', indexes: [1, 2] } }],
    ['duplicate across languages', ['Voornaam', 'First Name', 'EMAIL'], { problem: 'duplicateColumn', detail: { column: 'firstName', indexes: [0, 1] } }],
    ['unknown column', ['NAME', 'EMAIL', ' Phone '], { problem: 'unknownColumn', detail: { header: 'Phone', index: 2 } }],
    ['empty header between columns', ['NAME', '', 'EMAIL'], { problem: 'unknownColumn', detail: { header: '', index: 1 } }],
    ['unknown beats missing email', ['Phone'], { problem: 'unknownColumn', detail: { header: 'Phone', index: 0 } }],
  ])('%s', (_case, cells, expected) => {
    expect(mapHeaders(cells)).toEqual({ ok: false, ...expected });
  });
});

describe('rowFromCells', () => {
  it('picks the mapped cells; short rows give null', () => {
    expect(rowFromCells(['a@x.com', 'Ann'], { email: 0, name: 1, role: 2 })).toEqual({ email: 'a@x.com', name: 'Ann', role: null });
  });
});
