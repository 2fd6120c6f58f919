import { ScimError } from './errors';
import { findAttribute, splitAttributePath, type AttrPath, type AttributeDefinition } from './schema';

export { assertKnownAttributes } from './filter-check';
export { matchesFilter } from './filter-match';

/**
 * RFC 7644 §3.4.2.2 filters as a typed AST.
 *
 * The parser is syntactic: it accepts any well-formed attribute path, so the RFC's own examples
 * (`title pr`, `userType eq "Employee"`) parse although our User has neither attribute. Names we
 * know are canonicalised (`USERNAME` → `userName`, `urn:…:core:2.0:User:name.familyName` →
 * `name.familyName`); unknown names are kept as written. A caller that will evaluate or
 * translate the filter calls `assertKnownAttributes(filter)` to refuse the unknown ones.
 *
 * Inside a value filter (`emails[type eq "work"]`) paths name sub-attributes of the filtered
 * attribute: `{ attribute: 'type' }`.
 */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { op: 'pr'; path: AttrPath }
  | { op: CompareOperator; path: AttrPath; value: FilterValue }
  | { op: 'and' | 'or'; left: Filter; right: Filter }
  | { op: 'not'; filter: Filter }
  | { op: 'valuePath'; path: AttrPath; filter: Filter };

export interface ParseFilterOptions {
  /** Parse a value filter of this attribute (the part between brackets of a PATCH path). */
  within?: AttributeDefinition;
}

const COMPARE_OPERATORS: readonly string[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const WORD_CHAR = /[A-Za-z0-9_$:.+-]/;
const SPACE = /[ \t\r\n]/;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
/** Deep enough for any real filter, shallow enough that `((((…` cannot exhaust the stack. */
const MAX_DEPTH = 32;

/**
 * Parses a filter; `and` binds tighter than `or`, `not (…)` and parentheses group, operators and
 * true/false/null are case-insensitive (RFC 5234 quoted strings are). Errors are
 * `ScimError(400, 'invalidFilter')` whose detail ends in "at position N" (0-based offset).
 */
export function parseFilter(text: string, options: ParseFilterOptions = {}): Filter {
  const parser = new FilterParser(text);
  const filter = parser.parseOr({ nested: options.within !== undefined, definition: options.within }, 0);
  parser.expectEnd();
  return filter;
}

/** Where names resolve: the resource, or (nested) the sub-attributes of `definition`. */
interface Scope {
  nested: boolean;
  definition?: AttributeDefinition;
}

class FilterParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseOr(scope: Scope, depth: number): Filter {
    let left = this.parseAnd(scope, depth);
    while (this.keyword('or')) left = { op: 'or', left, right: this.parseAnd(scope, depth) };
    return left;
  }

  private parseAnd(scope: Scope, depth: number): Filter {
    let left = this.parseFactor(scope, depth);
    while (this.keyword('and')) left = { op: 'and', left, right: this.parseFactor(scope, depth) };
    return left;
  }

  private parseFactor(scope: Scope, depth: number): Filter {
    this.skipSpace();
    const start = this.pos;
    if (depth >= MAX_DEPTH) throw this.error('Filter is nested too deeply', start);
    const word = this.readWord();
    // `not` is only the operator when a bracket follows; otherwise it is an attribute name.
    if (word.toLowerCase() === 'not' && this.peekAfterSpace() === '(') {
      this.expect('(');
      const filter = this.parseOr(scope, depth + 1);
      this.expect(')');
      return { op: 'not', filter };
    }
    if (word === '' && this.text[this.pos] === '(') {
      this.pos++;
      const filter = this.parseOr(scope, depth + 1);
      this.expect(')');
      return filter;
    }
    if (word === '') throw this.error('Expected an attribute path, "(" or "not"', start);
    return this.parseAttributeExpression(word, start, scope, depth);
  }

  private parseAttributeExpression(word: string, start: number, scope: Scope, depth: number): Filter {
    const written = splitAttributePath(word);
    if (!written) throw this.error(`Malformed attribute path "${word}"`, start);
    const known = scope.nested && !scope.definition ? undefined : findAttribute(written, scope.definition);
    const path = known?.path ?? written;
    if (this.text[this.pos] === '[') {
      if (scope.nested) throw this.error('A value filter cannot contain another value filter', this.pos);
      if (written.subAttribute !== undefined) throw this.error(`A value filter applies to an attribute, not to "${word}"`, start);
      this.pos++;
      const filter = this.parseOr({ nested: true, definition: known?.definition }, depth + 1);
      this.expect(']');
      return { op: 'valuePath', path, filter };
    }
    this.skipSpace();
    const operatorStart = this.pos;
    const operator = this.readWord().toLowerCase();
    if (operator === 'pr') return { op: 'pr', path };
    if (!isCompareOperator(operator)) {
      throw this.error(operator ? `Unknown operator "${operator}"` : `Expected an operator after "${word}"`, operatorStart);
    }
    this.skipSpace();
    return { op: operator, path, value: this.parseValue() };
  }

  private parseValue(): FilterValue {
    const start = this.pos;
    if (this.text[start] === '"') return this.parseString();
    const word = this.readWord();
    const lower = word.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (NUMBER.test(word)) return Number(word);
    throw this.error(word ? `Invalid value "${word}" (strings need double quotes)` : 'Expected a value', start);
  }

  /** A JSON string literal (RFC 7644 compValue uses JSON's string grammar, escapes included). */
  private parseString(): string {
    const start = this.pos;
    let end = start + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1;
    if (end >= this.text.length) throw this.error('Unterminated string', start);
    let value: unknown;
    try {
      value = JSON.parse(this.text.slice(start, end + 1));
    } catch {
      throw this.error('Invalid string (bad escape or control character)', start);
    }
    this.pos = end + 1;
    return String(value);
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos < this.text.length) {
      const word = this.readWordAt(this.pos) || this.text[this.pos];
      throw this.error(`Unexpected "${word}"`, this.pos);
    }
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) throw this.error(`Expected "${char}"`, this.pos);
    this.pos++;
  }

  /** Consumes `word` (case-insensitive) when it is the next token. */
  private keyword(word: string): boolean {
    const save = this.pos;
    this.skipSpace();
    if (this.readWord().toLowerCase() === word) return true;
    this.pos = save;
    return false;
  }

  private readWord(): string {
    const word = this.readWordAt(this.pos);
    this.pos += word.length;
    return word;
  }

  private readWordAt(from: number): string {
    let end = from;
    while (end < this.text.length && WORD_CHAR.test(this.text[end]!)) end++;
    return this.text.slice(from, end);
  }

  private peekAfterSpace(): string | undefined {
    let at = this.pos;
    while (at < this.text.length && SPACE.test(this.text[at]!)) at++;
    return this.text[at];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && SPACE.test(this.text[this.pos]!)) this.pos++;
  }

  private error(message: string, at: number): ScimError {
    return new ScimError(400, 'invalidFilter', `${message} at position ${at}`);
  }
}

function isCompareOperator(word: string): word is CompareOperator {
  return COMPARE_OPERATORS.includes(word);
}
