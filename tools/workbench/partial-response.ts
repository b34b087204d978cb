// Google's partial response: the `fields` parameter keeps only the named fields of an answer, so an add-on
// that forgets to ask for a field gets no value for it, as from the real API.
// https://developers.google.com/calendar/api/guides/performance#partial-response
// Grammar: a comma-separated list; 'a/b' selects b inside a; 'a(b,c)' selects b and c inside a (each item
// of an array).

type Selection = Map<string, Selection | null>;

function parseFields(text: string): Selection {
  let i = 0;
  const list = (): Selection => {
    const out: Selection = new Map();
    for (;;) {
      let name = '';
      while (i < text.length && !/[,()/]/.test(text[i])) name += text[i++];
      name = name.trim();
      let sub: Selection | null = null;
      if (text[i] === '/') {
        i++;
        sub = list1();
      } else if (text[i] === '(') {
        i++;
        sub = list();
        if (text[i] !== ')') throw new Error(`Invalid field selection ${text}`);
        i++;
      }
      if (!name) throw new Error(`Invalid field selection ${text}`);
      out.set(name, merge(out.get(name), sub));
      if (text[i] !== ',') return out;
      i++;
    }
  };
  // 'a/b/c' nests one name at a time.
  const list1 = (): Selection => {
    let name = '';
    while (i < text.length && !/[,()/]/.test(text[i])) name += text[i++];
    let sub: Selection | null = null;
    if (text[i] === '/') {
      i++;
      sub = list1();
    } else if (text[i] === '(') {
      i++;
      sub = list();
      i++;
    }
    return new Map([[name.trim(), sub]]);
  };
  const selection = list();
  if (i !== text.length) throw new Error(`Invalid field selection ${text}`);
  return selection;
}

function merge(a: Selection | null | undefined, b: Selection | null): Selection | null {
  if (a === undefined) return b;
  if (a === null || b === null) return null;
  const out: Selection = new Map(a);
  for (const [k, v] of b) out.set(k, merge(out.get(k), v));
  return out;
}

function project(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, selection));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of selection) {
    const field = (value as Record<string, unknown>)[name];
    if (field === undefined) continue;
    out[name] = sub ? project(field, sub) : field;
  }
  return out;
}

/** The answer with only the selected fields; the whole answer when `fields` is absent. Throws on bad syntax. */
export function partialResponse<T>(body: T, fields: string | null): unknown {
  if (fields === null || fields.trim() === '') return body;
  return project(body, parseFields(fields));
}
