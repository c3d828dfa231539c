// Pure: an organization's web address (slug) suggested from its name. The server has the final word
// (reserved names, availability); this only proposes something that has the right shape.

const MAX = 63;

export function slugFromName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  if (base.length <= MAX) return base;
  const cut = base.slice(0, MAX);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut).replace(/-$/, "");
}

/** What the user typed in the address box, reduced to characters a slug may hold. */
export function cleanSlugInput(value: string): string {
  return value
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9-]/g, "");
}
