/**
 * A minimal browser for HTTP tests of the supervision workspace: keeps cookies, never follows
 * redirects, sends Origin on POST like a browser does, and may stand behind an address of its own
 * (X-Forwarded-For, for a portal that trusts its proxy).
 */
export class Browser {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(
    private readonly base: () => string,
    private readonly password: string,
    private readonly forwardedFor?: string,
  ) {}
  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (this.forwardedFor) headers.set('x-forwarded-for', this.forwardedFor);
    const res = await fetch(`${this.base()}${pathname}`, { ...init, headers, redirect: 'manual' });
    this.setCookies = res.headers.getSetCookie();
    for (const c of this.setCookies) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0\b/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  get(pathname: string) {
    return this.request(pathname);
  }
  post(pathname: string, fields: Record<string, string>, origin: string | null = this.base()) {
    return this.request(pathname, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin ? { origin } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });
  }
  async page(pathname: string): Promise<{ status: number; html: string; csrf: string | undefined }> {
    const res = await this.get(pathname);
    const html = await res.text();
    return { status: res.status, html, csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] };
  }
  async login(username: string, password = this.password): Promise<Response> {
    const { csrf } = await this.page('/supervision/login');
    return this.post('/supervision/login', { csrf: csrf!, username, password });
  }
}
