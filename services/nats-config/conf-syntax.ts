import { LocalNatsError, LocalNatsErrorCode } from './errors.ts';

/**
 * Renders plain data into nats-server's configuration syntax: `key: value`, nested `key { }`
 * blocks, `[ ]` arrays and double-quoted strings. Every string is quoted, so a value such as
 * `$abc` or `1G` is never read as a variable reference or a size by the server.
 * Properties that are `undefined` are left out, so optional settings need no special casing.
 */
export function renderConf(block: object): string {
  return renderBlockBody(block, '', 'config');
}

const indentUnit = '  ';
const bareKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

function renderBlockBody(block: object, indent: string, path: string): string {
  return Object.entries(block)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => renderEntry(key, value, indent, `${path}.${key}`))
    .join('');
}

function renderEntry(key: string, value: unknown, indent: string, path: string): string {
  const renderedKey = bareKey.test(key) ? key : quote(key);
  if (isBlock(value)) {
    return `${indent}${renderedKey} {\n${renderBlockBody(value, indent + indentUnit, path)}${indent}}\n`;
  }
  return `${indent}${renderedKey}: ${renderValue(value, indent, path)}\n`;
}

function renderValue(value: unknown, indent: string, path: string): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, `${value} is not a finite number`);
    return String(value);
  }
  if (Array.isArray(value)) return renderArray(value, indent, path);
  if (isBlock(value)) {
    const inner = indent + indentUnit;
    return `{\n${renderBlockBody(value, inner, path)}${indent}}`;
  }
  throw invalid(path, `values of type ${value === null ? 'null' : typeof value} cannot be rendered`);
}

function renderArray(items: readonly unknown[], indent: string, path: string): string {
  if (items.length === 0) return '[]';
  const inner = indent + indentUnit;
  const rendered = items.map((item, index) => `${inner}${renderValue(item, inner, `${path}[${index}]`)}`);
  return `[\n${rendered.join(',\n')}\n${indent}]`;
}

function isBlock(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** nats-server accepts only \t \n \r \" \\ and \xHH escapes inside quoted strings (not \u). */
function quote(text: string): string {
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f]/g, (character) => {
    switch (character) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return `"${escaped}"`;
}

function invalid(path: string, problem: string): LocalNatsError {
  return new LocalNatsError(LocalNatsErrorCode.invalidConfig, `cannot render ${path}: ${problem}`);
}
