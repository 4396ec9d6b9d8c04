import type { AstroCookies, AstroCookieSetOptions } from 'astro';
import type { SupervisionSettings } from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';
import type { Runtime } from '../runtime';
import type { Supervisor } from './accounts';
import { audit } from './audit';
import { COOKIE_PATH, LOGIN_CSRF_COOKIE, readSession, SESSION_COOKIE, tokensMatch, type Session } from './sessions';
import { supervisionSettings } from './settings';

/**
 * Glue between the workspace pages and the session store. Every page under /supervision (except the
 * sign-in page) starts with `openWorkspace(Astro)`: no live session → redirect to the sign-in page;
 * otherwise the signed-in account, the settings and an audit logger. Pages are never cached and never
 * framed.
 */

export interface RequestContext {
  request: Request;
  cookies: AstroCookies;
  url: URL;
  locals: App.Locals;
  clientAddress?: string;
  response?: { headers: Headers };
}

export interface Workspace {
  runtime: Runtime;
  db: Db;
  settings: SupervisionSettings;
  session: Session;
  user: Supervisor;
  /** The session's CSRF token, for the hidden field of every form. */
  csrf: string;
  canWrite: boolean;
  /** For an agency account: the name of its agency. */
  agencyName: string | null;
  ip: string | null;
  /** Writes an audit entry as the signed-in user. */
  log(action: string, target?: { type: string; id: string } | null, detail?: Record<string, unknown>): Promise<void>;
}

export const NO_STORE = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex, nofollow',
} as const;

export function clientIp(ctx: RequestContext, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? ctx.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return ctx.clientAddress ?? null;
  } catch {
    return null;
  }
}

export function cookieOptions(siteUrl: string, maxAgeSeconds?: number, path = COOKIE_PATH): AstroCookieSetOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: siteUrl.startsWith('https:'),
    path,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Where an agency account works: its list of handed orders and those orders. Nothing else answers it. */
export const AGENCY_HOME = '/supervision/agency';
export const agencyMayOpen = (pathname: string): boolean =>
  pathname === AGENCY_HOME || pathname.startsWith(`${AGENCY_HOME}/`) || pathname === '/supervision/logout';

/** Where a signed-in account goes after signing in: `next` if it may open it, else its home. */
export function landingFor(role: string, next: string): string {
  if (role !== 'agency') return next;
  return agencyMayOpen(next.split('?')[0]!) ? next : AGENCY_HOME;
}

/** The answer to an agency account asking for a page of the supervisors' workspace. */
function agencyRefusal(): Response {
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>无权查看 - 执法监督工作台</title></head>
<body><main><h1>无权查看</h1>
<p>执法单位账号只能查看交办给本单位的工单，不能查看执法监督工作台的其他页面。</p>
<p><a href="${AGENCY_HOME}">前往交办给本单位的工单</a></p></main></body></html>`;
  return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', ...NO_STORE } });
}

/** Only paths inside the workspace are followed after signing in. */
export function safeNext(value: string | null | undefined): string {
  const v = value ?? '';
  if (/^\/supervision(\/[^\s\\]*|\?[^\s\\]*)?$/.test(v) && !v.startsWith('//') && !v.startsWith('/supervision/login')) {
    return v;
  }
  return '/supervision';
}

function setNoStore(ctx: RequestContext) {
  if (!ctx.response) return;
  for (const [k, v] of Object.entries(NO_STORE)) ctx.response.headers.set(k, v);
}

export async function openWorkspace(
  ctx: RequestContext,
): Promise<{ ok: true; ws: Workspace } | { ok: false; response: Response }> {
  setNoStore(ctx);
  const { runtime } = ctx.locals;
  const db = runtime.db;
  const settings = await supervisionSettings(db);
  const token = ctx.cookies.get(SESSION_COOKIE)?.value;
  const session = await readSession(db, token, settings.session);
  if (!session) {
    const next = ctx.request.method === 'GET' ? `${ctx.url.pathname}${ctx.url.search}` : ctx.url.pathname;
    const q = new URLSearchParams({ next });
    if (token) {
      q.set('expired', '1');
      ctx.cookies.delete(SESSION_COOKIE, { path: COOKIE_PATH });
    }
    return {
      ok: false,
      response: new Response(null, {
        status: ctx.request.method === 'GET' || ctx.request.method === 'HEAD' ? 302 : 303,
        headers: { location: `/supervision/login?${q}`, ...NO_STORE },
      }),
    };
  }
  const ip = clientIp(ctx, runtime.config.trustProxy);
  const user = session.supervisor;
  if (user.role === 'agency' && !agencyMayOpen(ctx.url.pathname.replace(/\/+$/, ''))) {
    await audit(db, {
      actor: user.username,
      role: user.role,
      action: 'forbidden.agency',
      targetType: 'page',
      targetId: ctx.url.pathname.slice(0, 200),
      ip,
    });
    return { ok: false, response: agencyRefusal() };
  }
  const agencyName = user.agencyId
    ? ((
        await db.query<{ name: string }>(`SELECT coalesce(short_name, name) AS name FROM agencies WHERE id = $1`, [
          user.agencyId,
        ])
      )[0]?.name ?? user.agencyId)
    : null;
  return {
    ok: true,
    ws: {
      agencyName,
      runtime,
      db,
      settings,
      session,
      user,
      csrf: session.csrf,
      canWrite: user.role === 'supervisor',
      ip,
      log: (action, target, detail) =>
        audit(db, {
          actor: user.username,
          role: user.role,
          action,
          targetType: target?.type ?? null,
          targetId: target?.id ?? null,
          detail: detail ?? {},
          ip,
        }),
    },
  };
}

export interface Refusal {
  status: 403;
  title: string;
  message: string;
}

/**
 * Checks a submitted form of a signed-in user: the CSRF token of the session (every form carries it as
 * `csrf`), and that the account may change things (auditors are read-only). Refusals are audited.
 */
export async function checkForm(ws: Workspace, form: FormData, write = true): Promise<Refusal | undefined> {
  if (!tokensMatch(form.get('csrf'), ws.csrf)) {
    await ws.log('csrf.refused', null, {});
    return {
      status: 403,
      title: '表单已失效',
      message:
        '这个表单不是从本工作台当前的登录会话中提交的（可能页面已过期，或者来自其他网站）。请返回上一页，刷新后重新提交。',
    };
  }
  if (write && !ws.canWrite) {
    await ws.log('forbidden.read-only', null, {});
    if (ws.user.role === 'agency') {
      return {
        status: 403,
        title: '执法单位账号不能办理',
        message: '执法单位账号只能回复交办给本单位的工单。',
      };
    }
    return {
      status: 403,
      title: '只读账号不能修改',
      message: '您的账号是审计员（只读）账号，可以查看但不能新建或修改工单。如需办理，请使用监督员账号。',
    };
  }
  return undefined;
}

/** The sign-in form's double-submit token: cookie and hidden field must match. */
export function loginCsrfOk(ctx: RequestContext, form: FormData): boolean {
  return tokensMatch(form.get('csrf'), ctx.cookies.get(LOGIN_CSRF_COOKIE)?.value);
}

export async function readForm(request: Request): Promise<FormData | undefined> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return undefined;
  try {
    const form = await request.formData();
    // No field of any form may hold a NUL character (PostgreSQL refuses it): such a form is not one of ours.
    for (const [k, v] of form) if (k.includes('\0') || (typeof v === 'string' && v.includes('\0'))) return undefined;
    return form;
  } catch {
    return undefined;
  }
}

export const formString = (form: FormData | undefined, name: string): string => {
  const v = form?.get(name);
  return typeof v === 'string' ? v : '';
};
