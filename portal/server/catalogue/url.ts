/** Stable, readable URLs for list pages: only set parameters, in a fixed order. */

export type ParamValue = string | number | boolean | undefined | null;
export type Params = Record<string, ParamValue>;

/** `path?a=1&b=2` with empty values (undefined, null, '', false) left out and page 1 omitted. */
export function href(path: string, params: Params = {}, hash?: string): string {
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (key === 'page' && Number(value) === 1) continue;
    sp.set(key, value === true ? '1' : String(value));
  }
  const qs = sp.toString();
  return `${path}${qs ? `?${qs}` : ''}${hash ? `#${hash}` : ''}`;
}

/** The same parameters without `keys` (and without page, since the result set changes). */
export function without(params: Params, ...keys: string[]): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) if (!keys.includes(key) && key !== 'page') out[key] = value;
  return out;
}

/** True when any filter other than the page is set. */
export function hasFilters(params: Params): boolean {
  return Object.entries(params).some(
    ([k, v]) => k !== 'page' && v !== undefined && v !== null && v !== '' && v !== false,
  );
}
