// The arguments an ICU message uses ("Hello {name}" → name; plural and select arguments with the
// arguments inside their branches). The message tests compare them across languages, so a
// translation can never drop or misspell a value the code passes in.

/** Every argument name in an ICU message, sorted and once each. */
export function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  parse(message, 0, found, false);
  return [...found].sort();
}

/** Reads text from `start` until an unmatched `}` (inside a branch) or the end; returns where it stopped. */
function parse(text: string, start: number, found: Set<string>, inBranch: boolean): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" && (text[i + 1] === "{" || text[i + 1] === "}")) {
      const end = text.indexOf("'", i + 1);
      i = end === -1 ? text.length : end + 1;
    } else if (c === "{") {
      i = argument(text, i + 1, found);
    } else if (c === "}") {
      if (inBranch) return i;
      throw new Error(`unbalanced } at ${i} in: ${text}`);
    } else {
      i++;
    }
  }
  if (inBranch) throw new Error(`unclosed branch in: ${text}`);
  return i;
}

/** An argument after its `{`: its name, and for plural/select its branches; returns the index after its `}`. */
function argument(text: string, start: number, found: Set<string>): number {
  const close = /[,}]/g;
  close.lastIndex = start;
  const stop = close.exec(text);
  if (!stop) throw new Error(`unclosed argument in: ${text}`);
  const name = text.slice(start, stop.index).trim();
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new Error(`bad argument name "${name}" in: ${text}`);
  found.add(name);
  if (stop[0] === "}") return stop.index + 1;
  const typeEnd = text.slice(stop.index + 1).search(/[,}]/);
  if (typeEnd === -1) throw new Error(`unclosed argument in: ${text}`);
  const type = text.slice(stop.index + 1, stop.index + 1 + typeEnd).trim();
  let i = stop.index + 1 + typeEnd;
  if (text[i] === "}") return i + 1;
  i++;
  if (!["plural", "select", "selectordinal"].includes(type)) {
    const end = text.indexOf("}", i);
    return end + 1;
  }
  while (i < text.length) {
    while (/\s/.test(text[i] ?? "")) i++;
    if (text[i] === "}") return i + 1;
    const open = text.indexOf("{", i);
    if (open === -1) throw new Error(`branch without text in: ${text}`);
    i = parse(text, open + 1, found, true) + 1;
  }
  throw new Error(`unclosed ${type} in: ${text}`);
}
