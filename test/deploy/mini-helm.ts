/**
 * A small renderer for the subset of Helm's Go templates that deploy/helm/user-service uses, so the test can
 * render the chart and parse the manifests without Helm (not installable here). It is deliberately strict:
 * an action, function or construct outside the subset throws, so a template change that needs more than
 * this fails the test instead of being rendered wrongly.
 *
 * Supported: text with `{{- -}}` trimming, comments, `define`/`include`, `if`/`else if`/`else`, `with`,
 * `range` over lists and maps (with `$k, $v :=`), variables (`$x := ...`), `.`/`$` field chains,
 * parentheses, pipelines, and the functions below (Sprig semantics where Helm uses Sprig).
 * Values behave as Helm's do: numbers are floats and print like Go's %v (1e+06 for a million), and a
 * missing map key renders as an empty string.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

type Value = unknown;

// ---------------------------------------------------------------------------------------------------
// Lexing: text and actions
// ---------------------------------------------------------------------------------------------------

type Piece = { kind: 'text'; text: string } | { kind: 'action'; source: string; at: string };

function split(template: string, name: string): Piece[] {
  const pieces: Piece[] = [];
  let rest = template;
  let trimNextLeft = false;
  let offset = 0;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    let text = open === -1 ? rest : rest.slice(0, open);
    if (trimNextLeft) text = text.replace(/^\s+/, '');
    if (open === -1) {
      pieces.push({ kind: 'text', text });
      break;
    }
    const close = rest.indexOf('}}', open);
    if (close === -1) throw new Error(`${name}: unclosed action at offset ${offset + open}`);
    let inner = rest.slice(open + 2, close);
    if (/^-\s/.test(inner)) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    trimNextLeft = false;
    if (/\s-$/.test(inner)) {
      trimNextLeft = true;
      inner = inner.slice(0, -1);
    }
    pieces.push({ kind: 'text', text });
    const line = template.slice(0, offset + open).split('\n').length;
    if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(inner)) pieces.push({ kind: 'action', source: inner.trim(), at: `${name}:${line}` });
    offset += close + 2;
    rest = rest.slice(close + 2);
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------------

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'ident'; v: string }
  | { t: 'field'; v: string[] } // .A.B ; [] for "."
  | { t: 'var'; v: string; path: string[] } // $x.A ; "$" for root
  | { t: '(' }
  | { t: ')' }
  | { t: '|' }
  | { t: ':=' }
  | { t: ',' };

function tokenize(source: string, at: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fieldPath = (s: string) => s.split('.').filter(Boolean);
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\\') {
          const e = source[++j];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else value += source[j];
        j++;
      }
      if (j >= source.length) throw new Error(`${at}: unterminated string`);
      tokens.push({ t: 'str', v: value });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      tokens.push({ t: c });
      i++;
    } else if (source.startsWith(':=', i)) {
      tokens.push({ t: ':=' });
      i += 2;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i));
      if (!m) throw new Error(`${at}: bad number in "${source}"`);
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '.') {
      const m = /^(\.[A-Za-z_][A-Za-z0-9_]*)+|^\./.exec(source.slice(i))!;
      tokens.push({ t: 'field', v: fieldPath(m[0]) });
      i += m[0].length;
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*((\.[A-Za-z_][A-Za-z0-9_]*)*)/.exec(source.slice(i))!;
      const name = m[0].slice(0, m[0].length - m[1].length);
      tokens.push({ t: 'var', v: name, path: fieldPath(m[1]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ t: 'ident', v: m[0] });
      i += m[0].length;
    } else {
      throw new Error(`${at}: unexpected "${c}" in "${source}"`);
    }
  }
  return tokens;
}

type Operand =
  | { k: 'lit'; v: Value }
  | { k: 'field'; path: string[] }
  | { k: 'var'; name: string; path: string[] }
  | { k: 'ident'; name: string }
  | { k: 'pipe'; pipe: Pipeline };
type Command = Operand[];
interface Pipeline {
  declare?: string[];
  commands: Command[];
  at: string;
}

function parsePipeline(tokens: Token[], at: string): Pipeline {
  let pos = 0;
  let declare: string[] | undefined;
  const assign = tokens.findIndex((t) => t.t === ':=');
  if (assign !== -1) {
    declare = tokens.slice(0, assign).filter((t): t is Extract<Token, { t: 'var' }> => t.t === 'var').map((t) => t.v);
    pos = assign + 1;
  }
  const parseCommands = (stopAtParen: boolean): Command[] => {
    const commands: Command[] = [[]];
    while (pos < tokens.length) {
      const token = tokens[pos];
      if (token.t === ')') {
        if (!stopAtParen) throw new Error(`${at}: unexpected ")"`);
        pos++;
        return commands;
      }
      pos++;
      const current = commands[commands.length - 1];
      switch (token.t) {
        case '|':
          commands.push([]);
          break;
        case '(':
          current.push({ k: 'pipe', pipe: { commands: parseCommands(true), at } });
          break;
        case 'str':
        case 'num':
          current.push({ k: 'lit', v: token.v });
          break;
        case 'field':
          current.push({ k: 'field', path: token.v });
          break;
        case 'var':
          current.push({ k: 'var', name: token.v, path: token.path });
          break;
        case 'ident':
          if (token.v === 'true' || token.v === 'false') current.push({ k: 'lit', v: token.v === 'true' });
          else if (token.v === 'nil') current.push({ k: 'lit', v: undefined });
          else current.push({ k: 'ident', name: token.v });
          break;
        default:
          throw new Error(`${at}: unexpected token ${token.t}`);
      }
    }
    if (stopAtParen) throw new Error(`${at}: missing ")"`);
    return commands;
  };
  const commands = parseCommands(false);
  if (commands.some((c) => c.length === 0)) throw new Error(`${at}: empty command in pipeline`);
  return { declare, commands, at };
}

// ---------------------------------------------------------------------------------------------------
// Tree
// ---------------------------------------------------------------------------------------------------

type Node =
  | { n: 'text'; text: string }
  | { n: 'out'; pipe: Pipeline }
  | { n: 'if'; branches: Array<{ cond: Pipeline; body: Node[] }>; otherwise: Node[] }
  | { n: 'with'; pipe: Pipeline; body: Node[]; otherwise: Node[] }
  | { n: 'range'; pipe: Pipeline; keyVar?: string; valueVar?: string; body: Node[]; otherwise: Node[] };

function parseTree(pieces: Piece[], defines: Map<string, Node[]>): Node[] {
  let pos = 0;
  const keyword = (source: string) => /^(if|else if|else|end|with|range|define)\b/.exec(source)?.[1];
  const parseBlock = (terminators: string[]): { nodes: Node[]; ended: string; piece?: Piece & { kind: 'action' } } => {
    const nodes: Node[] = [];
    while (pos < pieces.length) {
      const piece = pieces[pos++];
      if (piece.kind === 'text') {
        if (piece.text) nodes.push({ n: 'text', text: piece.text });
        continue;
      }
      const kw = keyword(piece.source);
      const pipeOf = (source: string) => parsePipeline(tokenize(source, piece.at), piece.at);
      if (kw && terminators.includes(kw)) return { nodes, ended: kw, piece };
      switch (kw) {
        case 'if': {
          const branches = [{ cond: pipeOf(piece.source.slice(2)), body: [] as Node[] }];
          let otherwise: Node[] = [];
          for (;;) {
            const block = parseBlock(['else if', 'else', 'end']);
            branches[branches.length - 1].body = block.nodes;
            if (block.ended === 'else if') {
              branches.push({ cond: pipeOf(block.piece!.source.slice(7)), body: [] });
              continue;
            }
            if (block.ended === 'else') otherwise = parseBlock(['end']).nodes;
            break;
          }
          nodes.push({ n: 'if', branches, otherwise });
          break;
        }
        case 'with': {
          const pipe = pipeOf(piece.source.slice(4));
          const block = parseBlock(['else', 'end']);
          const otherwise = block.ended === 'else' ? parseBlock(['end']).nodes : [];
          nodes.push({ n: 'with', pipe, body: block.nodes, otherwise });
          break;
        }
        case 'range': {
          const source = piece.source.slice(5);
          const m = /^\s*(\$[A-Za-z0-9_]+)\s*(?:,\s*(\$[A-Za-z0-9_]+)\s*)?:=(.*)$/.exec(source);
          const pipe = pipeOf(m ? m[3] : source);
          const block = parseBlock(['else', 'end']);
          const otherwise = block.ended === 'else' ? parseBlock(['end']).nodes : [];
          nodes.push({
            n: 'range',
            pipe,
            keyVar: m && m[2] ? m[1] : undefined,
            valueVar: m ? (m[2] ?? m[1]) : undefined,
            body: block.nodes,
            otherwise,
          });
          break;
        }
        case 'define': {
          const name = /^define\s+"([^"]+)"$/.exec(piece.source)?.[1];
          if (!name) throw new Error(`${piece.at}: bad define`);
          defines.set(name, parseBlock(['end']).nodes);
          break;
        }
        case undefined:
          nodes.push({ n: 'out', pipe: pipeOf(piece.source) });
          break;
        default:
          throw new Error(`${piece.at}: unexpected {{ ${piece.source} }}`);
      }
    }
    if (terminators.length > 0) throw new Error(`missing {{ end }} (expected one of ${terminators.join(', ')})`);
    return { nodes, ended: '' };
  };
  return parseBlock([]).nodes;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------

/** Go's %v for the values Helm templates see. */
export function goString(value: Value): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
    if (Number.isInteger(value)) {
      const [mantissa, exponent] = value.toExponential().split('e');
      const e = Number(exponent);
      return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    }
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  return `map[${Object.keys(value as object)
    .sort()
    .map((k) => `${k}:${goString((value as Record<string, Value>)[k])}`)
    .join(' ')}]`;
}

function truthy(value: Value): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function field(value: Value, pathParts: string[], at: string): Value {
  let current = value;
  for (const part of pathParts) {
    if (current === undefined || current === null) throw new Error(`${at}: nil pointer evaluating .${part}`);
    if (typeof current !== 'object' || Array.isArray(current)) throw new Error(`${at}: cannot read .${part} of a ${typeof current}`);
    current = (current as Record<string, Value>)[part];
  }
  return current;
}

class Scope {
  private readonly vars = new Map<string, Value>();
  constructor(private readonly parent?: Scope) {}
  get(name: string, at: string): Value {
    if (this.vars.has(name)) return this.vars.get(name);
    if (this.parent) return this.parent.get(name, at);
    throw new Error(`${at}: undefined variable ${name}`);
  }
  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }
}

export interface ChartContext {
  Values: Record<string, Value>;
  Release: { Name: string; Namespace: string; Service: string; IsInstall: boolean; IsUpgrade: boolean };
  Chart: { Name: string; Version: string; AppVersion: string };
  Template: { BasePath: string; Name: string };
  Capabilities: Record<string, Value>;
}

export class RenderError extends Error {}

class Renderer {
  readonly defines = new Map<string, Node[]>();

  constructor(private readonly root: ChartContext) {}

  private readonly functions: Record<string, (at: string, ...args: Value[]) => Value> = {
    include: (_at, name, data) => this.renderNodes(this.template(String(name)), data, new Scope(this.rootScope())),
    default: (_at, fallback, value) => (truthy(value) ? value : fallback),
    quote: (_at, ...values) => values.map((v) => JSON.stringify(goString(v))).join(' '),
    toYaml: (_at, value) => (value === undefined || value === null ? 'null' : stringifyYaml(value, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '')),
    nindent: (_at, n, text) => `\n${indent(Number(n), goString(text))}`,
    indent: (_at, n, text) => indent(Number(n), goString(text)),
    trunc: (_at, n, text) => goString(text).slice(0, Number(n)),
    trimSuffix: (_at, suffix, text) => (goString(text).endsWith(goString(suffix)) ? goString(text).slice(0, -goString(suffix).length || undefined) : goString(text)),
    contains: (_at, sub, text) => goString(text).includes(goString(sub)),
    replace: (_at, from, to, text) => goString(text).split(goString(from)).join(goString(to)),
    printf: (at, format, ...args) => {
      let i = 0;
      return goString(format).replace(/%[sdv%]/g, (m) => {
        if (m === '%%') return '%';
        if (i >= args.length) throw new RenderError(`${at}: printf: missing argument`);
        return goString(args[i++]);
      });
    },
    print: (_at, ...args) => args.map(goString).join(''),
    sha256sum: (_at, text) => createHash('sha256').update(goString(text)).digest('hex'),
    required: (at, message, value) => {
      if (value === undefined || value === null || value === '') throw new RenderError(`${at}: ${goString(message)}`);
      return value;
    },
    and: (_at, ...args) => args.find((a) => !truthy(a)) ?? args[args.length - 1],
    or: (_at, ...args) => args.find((a) => truthy(a)) ?? args[args.length - 1],
    not: (_at, value) => !truthy(value),
    eq: (_at, a, ...rest) => rest.some((b) => a === b),
    ne: (_at, a, b) => a !== b,
    empty: (_at, value) => !truthy(value),
  };

  private rootScope(): Scope {
    const scope = new Scope();
    scope.set('$', this.root);
    return scope;
  }

  template(name: string): Node[] {
    const nodes = this.defines.get(name);
    if (!nodes) throw new RenderError(`no template "${name}"`);
    return nodes;
  }

  render(name: string): string {
    return this.renderNodes(this.template(name), this.root, this.rootScope());
  }

  private renderNodes(nodes: Node[], dot: Value, scope: Scope): string {
    let out = '';
    for (const node of nodes) {
      switch (node.n) {
        case 'text':
          out += node.text;
          break;
        case 'out': {
          const value = this.pipeline(node.pipe, dot, scope);
          if (!node.pipe.declare) out += goString(value);
          break;
        }
        case 'if': {
          const branch = node.branches.find((b) => truthy(this.pipeline(b.cond, dot, scope)));
          out += this.renderNodes(branch ? branch.body : node.otherwise, dot, new Scope(scope));
          break;
        }
        case 'with': {
          const value = this.pipeline(node.pipe, dot, scope);
          out += truthy(value) ? this.renderNodes(node.body, value, new Scope(scope)) : this.renderNodes(node.otherwise, dot, new Scope(scope));
          break;
        }
        case 'range': {
          const value = this.pipeline(node.pipe, dot, scope);
          const entries: Array<[Value, Value]> = Array.isArray(value)
            ? value.map((v, i) => [i, v])
            : value && typeof value === 'object'
              ? Object.keys(value)
                  .sort()
                  .map((k) => [k, (value as Record<string, Value>)[k]])
              : [];
          if (value !== undefined && value !== null && typeof value !== 'object') throw new RenderError(`${node.pipe.at}: range over a ${typeof value}`);
          if (entries.length === 0) out += this.renderNodes(node.otherwise, dot, new Scope(scope));
          for (const [key, item] of entries) {
            const inner = new Scope(scope);
            if (node.keyVar) inner.set(node.keyVar, key);
            if (node.valueVar) inner.set(node.valueVar, item);
            out += this.renderNodes(node.body, item, inner);
          }
          break;
        }
      }
    }
    return out;
  }

  private pipeline(pipe: Pipeline, dot: Value, scope: Scope): Value {
    let result: Value;
    pipe.commands.forEach((command, index) => {
      result = this.command(command, dot, scope, pipe.at, index === 0 ? [] : [result]);
    });
    if (pipe.declare) for (const name of pipe.declare) scope.set(name, result);
    return result;
  }

  private command(command: Command, dot: Value, scope: Scope, at: string, piped: Value[]): Value {
    const [head, ...rest] = command;
    if (head.k === 'ident') {
      const fn = this.functions[head.name];
      if (!fn) throw new RenderError(`${at}: function "${head.name}" is outside the supported subset`);
      return fn(at, ...rest.map((o) => this.operand(o, dot, scope, at)), ...piped);
    }
    if (rest.length > 0 || piped.length > 0) throw new RenderError(`${at}: cannot call a non-function`);
    return this.operand(head, dot, scope, at);
  }

  private operand(operand: Operand, dot: Value, scope: Scope, at: string): Value {
    switch (operand.k) {
      case 'lit':
        return operand.v;
      case 'field':
        return field(dot, operand.path, at);
      case 'var':
        return field(scope.get(operand.name, at), operand.path, at);
      case 'pipe':
        return this.pipeline(operand.pipe, dot, scope);
      case 'ident': {
        const fn = this.functions[operand.name];
        if (!fn) throw new RenderError(`${at}: function "${operand.name}" is outside the supported subset`);
        return fn(at);
      }
    }
  }
}

function indent(n: number, text: string): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

function isObject(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's coalescing of values files: maps merge deeply, anything else is replaced. */
export function mergeValues(base: Record<string, Value>, override: Record<string, Value>): Record<string, Value> {
  const result: Record<string, Value> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    result[key] = isObject(value) && isObject(result[key]) ? mergeValues(result[key] as Record<string, Value>, value) : value;
  }
  return result;
}

export interface RenderedFile {
  /** e.g. user-service/templates/deployment.yaml */
  name: string;
  content: string;
}

/**
 * Renders a chart folder like `helm template`: every templates/*.yaml and *.tpl is parsed (defines are
 * shared), every non-partial .yaml is rendered with the chart's values.yaml merged with `overrides`.
 */
export function renderChart(
  chartDir: string,
  overrides: Record<string, Value> = {},
  release: Partial<ChartContext['Release']> = {},
): RenderedFile[] {
  const chart = parseYaml(readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8')) as { name: string; version: string; appVersion: string };
  const values = mergeValues(parseYaml(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) ?? {}, overrides);
  const basePath = `${chart.name}/templates`;
  const root: ChartContext = {
    Values: values,
    Release: { Name: 'user-service', Namespace: 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, ...release },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
    Template: { BasePath: basePath, Name: '' },
    Capabilities: {},
  };
  const renderer = new Renderer(root);
  const files = readdirSync(path.join(chartDir, 'templates')).sort();
  const manifests: string[] = [];
  for (const file of files) {
    if (!/\.(ya?ml|tpl|txt)$/.test(file)) continue;
    const name = `${basePath}/${file}`;
    const nodes = parseTree(split(readFileSync(path.join(chartDir, 'templates', file), 'utf8'), name), renderer.defines);
    renderer.defines.set(name, nodes);
    if (!file.startsWith('_') && /\.ya?ml$/.test(file)) manifests.push(name);
  }
  return manifests.map((name) => ({ name, content: renderer.render(name) }));
}
