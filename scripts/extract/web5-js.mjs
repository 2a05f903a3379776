// Helpers for scripts/extract/web5.mjs: scanning minified JavaScript without a parser.
// No npm dependencies (Node 20).

// Index just past the bracket that closes the one at `open` ({, [ or (). Skips strings and
// template literals; regex literals are not expected in the parts we scan.
export function matchBracket(src, open) {
  const pairs = { '{': '}', '[': ']', '(': ')' };
  const stack = [];
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(src, i);
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === '}' || c === ']' || c === ')') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`no closing bracket for ${open}`);
}

export function skipString(src, i) {
  const q = src[i];
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') { j++; continue; }
    if (q === '`' && c === '$' && src[j + 1] === '{') { j = matchBracket(src, j + 1) - 1; continue; }
    if (c === q) return j;
  }
  throw new Error(`unterminated string at ${i}`);
}

// Top-level `key:` / `key(` / `"key":` positions of an object literal source `{...}`.
export function topLevelKeys(obj) {
  const keys = [];
  let depth = 0;
  let expectKey = true;
  for (let i = 0; i < obj.length; i++) {
    const c = obj[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(obj, i);
      if (depth === 1 && expectKey && /^\s*:/.test(obj.slice(end + 1, end + 3))) {
        keys.push({ key: obj.slice(i + 1, end), pos: i });
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') { depth++; if (depth === 1) expectKey = true; continue; }
    if (c === '}' || c === ']' || c === ')') { depth--; continue; }
    if (depth === 1 && c === ',') { expectKey = true; continue; }
    if (depth === 1 && expectKey && /[A-Za-z_$]/.test(c)) {
      const m = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*[:(]/.exec(obj.slice(i, i + 80));
      if (m) { keys.push({ key: m[1], pos: i }); expectKey = false; i += m[0].length - 2; }
    }
  }
  return keys;
}

// Segment of `src` between the top-level statements `break;` of a switch-case chunk.
export function topLevelBreak(chunk) {
  let depth = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === '"' || c === "'" || c === '`') { i = skipString(chunk, i); continue; }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (depth === 0 && chunk.startsWith('break', i) && !/[\w$]/.test(chunk[i - 1] || '') && !/[\w$]/.test(chunk[i + 5] || '')) return i;
  }
  return -1;
}

export function clip(s, n = 290) {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

// Evaluates an object-literal source with every free identifier replaced by a stub.
// Free identifiers are found by running `probe(obj)` and catching ReferenceErrors.
export function evalObjectLiteral(src, probe, stubFor) {
  const stubs = new Map();
  for (let round = 0; round < 50; round++) {
    const names = [...stubs.keys()];
    // eslint-disable-next-line no-new-func
    const f = new Function(...names, `return (${src});`);
    let obj;
    try {
      obj = f(...names.map((n) => stubs.get(n)));
      probe(obj);
      return { obj, stubs: names };
    } catch (e) {
      const m = e instanceof ReferenceError && /^([\w$]+) is not defined/.exec(e.message);
      if (!m || stubs.has(m[1])) throw e;
      stubs.set(m[1], stubFor(m[1]));
    }
  }
  throw new Error('too many free identifiers');
}
