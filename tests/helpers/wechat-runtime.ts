import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import vm from 'node:vm';

/**
 * A stand-in for WeChat's mini-program runtime (the 逻辑层 / app service), faithful to what WeChat
 * documents, for loading a `weapp` build in Node:
 *
 * - the script context has ECMAScript built-ins plus what WeChat adds (timers, console, `wx`, `App`,
 *   `Page`, `Component`, `Behavior`, `getApp`, `getCurrentPages`) and nothing of a browser or Node: no
 *   `window`, `document`, `navigator`, `localStorage`, `fetch`, `URL`, `TextEncoder`, `crypto`, `process`,
 *   `Buffer`; `eval` and `new Function` are refused (WeChat forbids dynamic code);
 * - every file is a module with WeChat's `require(relative path)` and the browser names shadowed;
 * - `App()` once in app.js; `Page()` once per page file, bound to the route whose file is running;
 *   subpackage pages load when first opened (独立分包 aside, as WeChat does);
 * - page lifecycles onLoad(query) → onShow → onReady, onHide/onUnload on navigation, the page stack and
 *   its limit of 10, tab pages only through switchTab; query values arrive as written in the URL (not
 *   decoded), and a launch by 扫普通链接二维码 hands the link in `query.q`, URL-encoded, scene 1011;
 * - `setData` with WeChat's path keys (`a.b[0].c`), JSON-only data, the 1 MB limit, callback after render;
 * - `wx.request` over real HTTP (success for every HTTP status with `statusCode`, `data` parsed as
 *   JSON when `dataType: 'json'`; `fail` with `errMsg: 'request:fail …'` and an `errno` when the
 *   network is off or the domain is not allowed); synchronous storage with `''` for a missing key and
 *   WeChat's size limits; `wx.scanCode` answering from a queue of QR contents or `scanCode:fail cancel`;
 *   network status and its change events; app show/hide.
 *
 * The view layer is WeChat's own: the build's WXML compiled by wcc (npm `miniprogram-compiler`) and
 * run with what each page sent through setData. `PageHandle` reads that tree's text and dispatches taps
 * and input to the handler the WXML binds, with the event shape WeChat documents.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Fn = (...args: any[]) => any;
type Obj = Record<string, any>;

/** The names WeChat's module wrapper shadows in every file (they are undefined inside modules). */
const SHADOWED = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'fetch',
];

export interface LaunchOptions {
  path: string;
  query?: Record<string, string>;
  /** WeChat scene value: 1001 discovery bar, 1011 扫描二维码, 1089 recent list… */
  scene?: number;
}

export interface RequestLog {
  method: string;
  url: string;
  body?: string | undefined;
  status?: number;
  errMsg: string;
}

export interface WeChatOptions {
  /** The weapp build (the folder with app.js and app.json). */
  root: string;
  /** Rewrites a requested URL before it is sent (e.g. the build's API base to the test portal). */
  route?: (url: string) => string;
  /**
   * The request domain list (request 合法域名). undefined = 不校验合法域名 (DevTools' switch, the only way
   * a local http portal works); a list = only https URLs whose origin is listed.
   */
  requestDomains?: string[];
  /** Where the app's console.log/info lines go (default: nowhere). */
  log?: (line: string) => void;
  /**
   * What outlives the app (a restart: WeChat closed it, the person opens it again): its storage and the
   * files under USER_DATA_PATH. Temporary files (`wxfile://tmp_…`) never outlive it.
   */
  persisted?: { storage: Map<string, string>; userFiles: Map<string, Uint8Array> };
}

/** What the person picks in wx.chooseMedia's sheet: the files' bytes and kind; undefined = they cancel. */
export interface PickedMedia {
  bytes: Uint8Array;
  fileType?: 'image' | 'video';
  width?: number;
  height?: number;
}

/** Where WeChat keeps an app's own files (wx.env.USER_DATA_PATH). */
export const USER_DATA_PATH = 'wxfile://usr';
/** WeChat's limit on an app's own files (本地文件存储上限). */
const USER_FILES_LIMIT = 200 * 1024 * 1024;

const isArrayBuffer = (v: unknown) => Object.prototype.toString.call(v) === '[object ArrayBuffer]';

interface PageDef {
  route: string;
  options: Obj;
}

interface StackEntry {
  route: string;
  instance: Obj;
}

export class WeChatError extends Error {}

/** Splits a WeChat setData key (`a.b[0].c`, and Taro's `root.cn.[0]`) into its path. */
export function dataPath(key: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function isPlainJson(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null) return true;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return Number.isFinite(value);
  if (t !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const vals = Array.isArray(value) ? value : Object.values(value as Obj);
  return vals.every((v) => v === undefined || isPlainJson(v, seen));
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

function splitUrl(url: string): { route: string; query: Record<string, string> } {
  const [p, qs = ''] = url.split('?', 2) as [string, string?];
  const query: Record<string, string> = {};
  for (const part of qs.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    // WeChat hands query values to onLoad as written in the URL: no decoding.
    if (i < 0) query[part] = '';
    else query[part.slice(0, i)] = part.slice(i + 1);
  }
  return { route: p.replace(/^\/+/, '').replace(/\.html$/, ''), query };
}

export class WeChat {
  readonly root: string;
  readonly appJson: {
    pages: string[];
    subPackages?: { root: string; pages: string[] }[];
    subpackages?: { root: string; pages: string[] }[];
    tabBar?: { list: { pagePath: string }[] };
  };
  readonly context: vm.Context;
  /** Every `wx.*` name the app looked at or called, for the report of what the stand-in served. */
  readonly apiCalls: string[] = [];
  readonly requests: RequestLog[] = [];
  /** console.error / console.warn lines and errors thrown in callbacks. */
  readonly errors: string[] = [];
  readonly storage: Map<string, string>;
  /** Temporary files (chooseMedia's), by path; gone when the app ends. */
  readonly tempFiles = new Map<string, Uint8Array>();
  /** The app's own files under USER_DATA_PATH, by path. */
  readonly userFiles: Map<string, Uint8Array>;
  /** What the next wx.chooseMedia calls pick (an array = those files; undefined = the person cancels). */
  readonly mediaQueue: (PickedMedia[] | undefined)[] = [];
  /** Every wx.uploadFile sent: its URL, headers and multipart fields as the server got them. */
  readonly uploads: { url: string; name: string; header: Record<string, string>; status?: number }[] = [];
  online = true;
  /** What the next wx.scanCode calls return (a string = a QR code's text; undefined = the person cancels). */
  readonly scanQueue: (string | undefined)[] = [];

  private app: Obj | undefined;
  private readonly pageDefs = new Map<string, PageDef>();
  readonly componentDefs = new Map<string, Obj>();
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly loadedPackages = new Set<string>();
  private readonly stack: StackEntry[] = [];
  private readonly tabInstances = new Map<string, Obj>();
  private readonly appShow: Fn[] = [];
  private readonly appHide: Fn[] = [];
  private readonly netChange: Fn[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** The app's one-off timers that have not fired yet (a subset of `timers`). */
  private readonly timeouts = new Set<ReturnType<typeof setTimeout>>();
  private readonly inflight = new Set<Promise<unknown>>();
  private running: string | undefined;
  private readonly opts: WeChatOptions;
  private renders = 0;
  private viewLayer: ViewLayer | undefined;

  /** The view layer, compiled on first use. */
  view(): ViewLayer {
    this.viewLayer ??= new ViewLayer(this.root);
    return this.viewLayer;
  }

  constructor(opts: WeChatOptions) {
    this.opts = opts;
    this.root = opts.root;
    this.storage = opts.persisted?.storage ?? new Map();
    this.userFiles = opts.persisted?.userFiles ?? new Map();
    this.appJson = JSON.parse(fs.readFileSync(path.join(this.root, 'app.json'), 'utf8'));
    const sandbox: Obj = {
      console: this.makeConsole(),
      setTimeout: (fn: Fn, ms?: number, ...a: unknown[]) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.timeouts.delete(t);
          this.guard('setTimeout', () => fn(...a));
        }, ms);
        this.timers.add(t);
        this.timeouts.add(t);
        return t;
      },
      clearTimeout: (t: ReturnType<typeof setTimeout>) => {
        this.timers.delete(t);
        this.timeouts.delete(t);
        clearTimeout(t);
      },
      setInterval: (fn: Fn, ms?: number, ...a: unknown[]) => {
        const t = setInterval(() => this.guard('setInterval', () => fn(...a)), ms);
        this.timers.add(t);
        return t;
      },
      clearInterval: (t: ReturnType<typeof setInterval>) => {
        this.timers.delete(t);
        clearInterval(t);
      },
      wx: this.makeWx(),
      App: (options: Obj) => this.registerApp(options),
      Page: (options: Obj) => this.registerPage(options),
      Component: (options: Obj) => this.registerComponent(options),
      Behavior: (options: Obj) => options,
      getApp: () => this.app,
      getCurrentPages: () => this.stack.map((e) => e.instance),
      requirePlugin: () => {
        throw new WeChatError('requirePlugin: this app declares no plugins');
      },
    };
    this.context = vm.createContext(sandbox, {
      name: 'wechat-app-service',
      codeGeneration: { strings: false, wasm: false },
    });
  }

  // ───────────────────────── modules ─────────────────────────

  /** WeChat's require: a path relative to the requiring file, `.js` optional; runs a file once. */
  require(file: string, from = ''): unknown {
    let rel = path.posix.normalize(path.posix.join(path.posix.dirname(from), file));
    if (!rel.endsWith('.js')) rel += '.js';
    if (rel.startsWith('..')) throw new WeChatError(`require: ${file} leaves the package (from ${from})`);
    const cached = this.modules.get(rel);
    if (cached) return cached.exports;
    const abs = path.join(this.root, rel);
    if (!fs.existsSync(abs)) throw new WeChatError(`module "${rel}" is not defined`);
    const mod = { exports: {} as unknown };
    this.modules.set(rel, mod);
    const src = fs.readFileSync(abs, 'utf8');
    const wrapper = `(function (require, module, exports, ${SHADOWED.join(', ')}) {${src}\n})`;
    const fn = vm.runInContext(wrapper, this.context, { filename: rel }) as Fn;
    fn((p: string) => this.require(p, rel), mod, mod.exports);
    return mod.exports;
  }

  // ───────────────────────── registration ─────────────────────────

  private registerApp(options: Obj) {
    if (this.running !== 'app.js') throw new WeChatError('App() must be called in app.js');
    if (this.app) throw new WeChatError('App() called twice');
    this.app = options;
  }

  private registerPage(options: Obj) {
    const route = this.running?.replace(/\.js$/, '');
    if (!route || !this.allPages().includes(route))
      throw new WeChatError(`Page() called outside a page file listed in app.json (${this.running})`);
    if (this.pageDefs.has(route)) throw new WeChatError(`Page() called twice for ${route}`);
    if (!options || typeof options !== 'object')
      throw new WeChatError(`Page() for ${route}: options must be an object`);
    this.pageDefs.set(route, { route, options });
  }

  private registerComponent(options: Obj) {
    const file = this.running?.replace(/\.js$/, '') ?? '';
    const jsonFile = path.join(this.root, `${file}.json`);
    if (!fs.existsSync(jsonFile)) throw new WeChatError(`Component() in ${file}: no ${file}.json`);
    const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { component?: boolean };
    // A page may be built with Component() (it then needs no `component: true`).
    if (!json.component && !this.allPages().includes(file))
      throw new WeChatError(`Component() in ${file}: ${file}.json lacks "component": true`);
    if (this.allPages().includes(file)) {
      this.pageDefs.set(file, { route: file, options: { ...options, ...(options.methods ?? {}) } });
      return;
    }
    this.componentDefs.set(file, options);
  }

  private runFile(rel: string) {
    const prev = this.running;
    this.running = rel;
    try {
      this.require(rel);
    } finally {
      this.running = prev;
    }
  }

  mainPages(): string[] {
    return this.appJson.pages;
  }

  subPackages(): { root: string; pages: string[] }[] {
    return this.appJson.subPackages ?? this.appJson.subpackages ?? [];
  }

  allPages(): string[] {
    return [...this.mainPages(), ...this.subPackages().flatMap((p) => p.pages.map((x) => `${p.root}/${x}`))];
  }

  tabPages(): string[] {
    return this.appJson.tabBar?.list.map((t) => t.pagePath) ?? [];
  }

  /** Custom components a page uses (its json's usingComponents), loaded before the page as WeChat does. */
  private loadComponents(file: string) {
    const jsonFile = path.join(this.root, `${file}.json`);
    if (!fs.existsSync(jsonFile)) return;
    const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const target of Object.values(json.usingComponents ?? {})) {
      const comp = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      if (this.componentDefs.has(comp) || comp === file) continue;
      this.runFile(`${comp}.js`);
      if (!this.componentDefs.has(comp)) throw new WeChatError(`component ${comp} did not call Component()`);
      this.loadComponents(comp);
    }
  }

  private ensurePageLoaded(route: string) {
    if (this.pageDefs.has(route)) return;
    if (!this.allPages().includes(route)) throw new WeChatError(`page "${route}" is not in app.json`);
    const pkg = this.subPackages().find((p) => route.startsWith(`${p.root}/`));
    if (pkg && !this.loadedPackages.has(pkg.root)) this.loadedPackages.add(pkg.root);
    this.loadComponents(route);
    this.runFile(`${route}.js`);
    if (!this.pageDefs.has(route)) throw new WeChatError(`${route}.js did not call Page()`);
  }

  // ───────────────────────── launch and pages ─────────────────────────

  /** Runs app.js and the main package's pages, then onLaunch/onShow and the first page. */
  launch(launch: LaunchOptions = { path: this.mainPages()[0]! }): Obj {
    this.runFile('app.js');
    if (!this.app) throw new WeChatError('app.js did not call App()');
    for (const p of this.mainPages()) this.ensurePageLoaded(p);
    const options = {
      path: launch.path,
      query: launch.query ?? {},
      scene: launch.scene ?? 1001,
      referrerInfo: {},
      apiCategory: 'default',
    };
    this.launchOptions = options;
    this.callApp('onLaunch', clone(options));
    this.callApp('onShow', clone(options));
    for (const cb of this.appShow) this.guard('onAppShow', () => cb(clone(options)));
    this.openPage(launch.path, launch.query ?? {});
    return this.app;
  }

  launchOptions: Obj = {};

  private callApp(name: string, ...args: unknown[]) {
    const fn = this.app?.[name];
    if (typeof fn === 'function') fn.apply(this.app, args);
  }

  /** Loads every page (subpackages too) without opening it: each file must call Page() once. */
  loadAllPages(): string[] {
    for (const p of this.allPages()) this.ensurePageLoaded(p);
    return [...this.pageDefs.keys()];
  }

  private makeInstance(route: string, query: Record<string, string>): Obj {
    const def = this.pageDefs.get(route)!.options;
    const inst: Obj = {};
    for (const [k, v] of Object.entries(def)) {
      if (k === 'data') continue;
      inst[k] = typeof v === 'function' ? v : clone(v as Json);
    }
    inst.data = clone(def.data ?? {});
    inst.route = route;
    inst.__route__ = route;
    inst.options = query;
    inst.__wxWebviewId__ = ++this.renders;
    inst.__wxExparserNodeId__ = `page-${inst.__wxWebviewId__}`;
    inst.setData = (data: Obj, cb?: Fn) => this.setData(inst, data, cb);
    inst.selectComponent = () => null;
    inst.selectAllComponents = () => [];
    inst.createSelectorQuery = () => this.makeWx().createSelectorQuery();
    inst.getOpenerEventChannel = () => ({ emit() {}, on() {}, once() {}, off() {} });
    inst.setDataLog = [] as Obj[];
    return inst;
  }

  private lifecycle(inst: Obj, name: string, ...args: unknown[]) {
    const fn = inst[name];
    if (typeof fn === 'function') fn.apply(inst, args);
  }

  private openPage(url: string, extraQuery: Record<string, string> = {}): Obj {
    const { route, query } = splitUrl(url);
    this.ensurePageLoaded(route);
    const q = { ...query, ...extraQuery };
    const inst = this.makeInstance(route, q);
    this.stack.push({ route, instance: inst });
    if (this.tabPages().includes(route)) this.tabInstances.set(route, inst);
    this.lifecycle(inst, 'onLoad', q);
    this.lifecycle(inst, 'onShow');
    // onReady after the first render reached the view layer.
    setImmediate(() => this.guard(`${route} onReady`, () => this.lifecycle(inst, 'onReady')));
    return inst;
  }

  private top(): StackEntry | undefined {
    return this.stack[this.stack.length - 1];
  }

  private navigateTo(url: string) {
    const { route } = splitUrl(url);
    if (!this.allPages().includes(route)) throw new WeChatError(`navigateTo:fail page "${route}" is not found`);
    if (this.tabPages().includes(route)) throw new WeChatError('navigateTo:fail can not navigateTo a tabbar page');
    if (this.stack.length >= 10) throw new WeChatError('navigateTo:fail webview count limit exceed');
    const cur = this.top();
    if (cur) this.lifecycle(cur.instance, 'onHide');
    this.openPage(url);
  }

  private redirectTo(url: string) {
    const { route } = splitUrl(url);
    if (this.tabPages().includes(route)) throw new WeChatError('redirectTo:fail can not redirectTo a tabbar page');
    const cur = this.stack.pop();
    if (cur) this.lifecycle(cur.instance, 'onUnload');
    this.openPage(url);
  }

  private navigateBack(delta = 1) {
    if (this.stack.length <= 1) throw new WeChatError('navigateBack:fail cannot navigate back at first page.');
    for (let i = 0; i < delta && this.stack.length > 1; i++) {
      const p = this.stack.pop()!;
      this.lifecycle(p.instance, 'onUnload');
    }
    this.lifecycle(this.top()!.instance, 'onShow');
  }

  private switchTab(url: string) {
    const { route } = splitUrl(url);
    if (!this.tabPages().includes(route)) throw new WeChatError('switchTab:fail can not switch to no-tabBar page');
    const cur = this.top();
    if (cur?.route === route) return;
    // Every non-tab page closes; a tab page stays alive (it was hidden when it stopped being on top).
    while (this.stack.length) {
      const p = this.stack.pop()!;
      if (!this.tabPages().includes(p.route)) this.lifecycle(p.instance, 'onUnload');
      else if (p === cur) this.lifecycle(p.instance, 'onHide');
    }
    const existing = this.tabInstances.get(route);
    if (existing) {
      this.stack.push({ route, instance: existing });
      this.lifecycle(existing, 'onShow');
    } else {
      this.openPage(route);
    }
  }

  private reLaunch(url: string) {
    while (this.stack.length) this.lifecycle(this.stack.pop()!.instance, 'onUnload');
    this.tabInstances.clear();
    this.openPage(url);
  }

  /** The app goes to the background and comes back (e.g. the person switches to another app). */
  hideAndShow() {
    const top = this.top();
    if (top) this.lifecycle(top.instance, 'onHide');
    this.callApp('onHide');
    for (const cb of this.appHide) this.guard('onAppHide', () => cb());
    const options = { ...this.launchOptions, scene: 1089 };
    this.callApp('onShow', clone(options));
    for (const cb of this.appShow) this.guard('onAppShow', () => cb(clone(options)));
    if (top) this.lifecycle(top.instance, 'onShow');
  }

  setOnline(online: boolean) {
    if (this.online === online) return;
    this.online = online;
    const res = { isConnected: online, networkType: online ? 'wifi' : 'none' };
    for (const cb of this.netChange) this.guard('onNetworkStatusChange', () => cb({ ...res }));
  }

  /** Opens a page the way a person can reach it: a tab through switchTab, any other page on top. */
  open(url: string) {
    const { route } = splitUrl(url);
    if (this.tabPages().includes(route)) this.switchTab(url);
    else this.navigateTo(url);
  }

  /** Closes every page and opens this one (wx.reLaunch). */
  relaunch(url: string) {
    this.reLaunch(url);
  }

  pageStack(): string[] {
    return this.stack.map((e) => e.route);
  }

  currentPage(): PageHandle {
    const top = this.top();
    if (!top) throw new WeChatError('no page is open');
    return new PageHandle(this, top.route, top.instance);
  }

  // ───────────────────────── setData ─────────────────────────

  private setData(inst: Obj, data: Obj, cb?: Fn) {
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new WeChatError('setData: data must be an object');
    const size = JSON.stringify(data).length;
    if (size > 1024 * 1024) throw new WeChatError(`setData: data exceeds 1024 KB (${size} bytes)`);
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) {
        this.errors.push(`setData: field "${key}" set to undefined is invalid`);
        continue;
      }
      if (!isPlainJson(value)) throw new WeChatError(`setData: "${key}" is not JSON data (functions, cycles, NaN)`);
      const p = dataPath(key);
      if (!p.length) throw new WeChatError(`setData: bad key "${key}"`);
      let node: Obj = inst.data;
      for (let i = 0; i < p.length - 1; i++) {
        const k = p[i]!;
        if (node[k] === undefined || node[k] === null || typeof node[k] !== 'object')
          node[k] = typeof p[i + 1] === 'number' ? [] : {};
        node = node[k];
      }
      node[p[p.length - 1]!] = clone(value);
    }
    (inst.setDataLog as Obj[]).push(clone(data));
    // The view layer renders asynchronously; the callback runs after it did.
    if (cb) setImmediate(() => this.guard('setData callback', () => cb.call(inst)));
  }

  // ───────────────────────── wx.* ─────────────────────────

  private wxApi: Obj | undefined;

  private makeWx(): Obj {
    if (this.wxApi) return this.wxApi;
    const self = this;
    const ok = (name: string, res: Obj = {}) => ({ ...res, errMsg: `${name}:ok` });
    /** WeChat's async API shape: success/fail/complete callbacks, or a Promise when none is given. */
    const async =
      (name: string, impl: (o: Obj) => Obj | Promise<Obj>) =>
      (o: Obj = {}) => {
        self.apiCalls.push(name);
        const run = Promise.resolve()
          .then(() => impl(o))
          .then(
            (res) => ({ ok: true, res: ok(name, res) }),
            (e: unknown) => {
              // A JavaScript error (not one of WeChat's refusals) is a bug the console would show.
              if (!(e instanceof WeChatError) && !(e as Obj)?.wechat)
                self.errors.push(`${name}: ${(e as Error)?.stack ?? String(e)}`);
              return {
                ok: false,
                res: {
                  errMsg: `${name}:fail ${(e instanceof Error ? e.message : String(e)).replace(`${name}:fail `, '')}`,
                  ...((e as Obj)?.errno !== undefined ? { errno: (e as Obj).errno } : {}),
                },
              };
            },
          );
        const hasCb = o.success || o.fail || o.complete;
        const done = run.then(({ ok: success, res }) => {
          if (success) o.success && self.guard(`${name} success`, () => o.success(res));
          else o.fail && self.guard(`${name} fail`, () => o.fail(res));
          o.complete && self.guard(`${name} complete`, () => o.complete(res));
          if (!hasCb) return success ? res : Promise.reject(res);
          return undefined;
        });
        self.track(done.catch(() => undefined));
        return hasCb ? undefined : done;
      };
    const windowInfo = {
      pixelRatio: 3,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 812,
      statusBarHeight: 44,
      safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
      screenTop: 0,
    };
    const baseInfo = {
      SDKVersion: '3.7.12',
      enableDebug: false,
      host: { env: 'WeChat' },
      language: 'zh_CN',
      version: '8.0.56',
      theme: 'light',
      fontSizeSetting: 16,
    };
    const deviceInfo = { brand: 'devtools', model: 'iPhone X', system: 'iOS 17.0', platform: 'ios' };
    const storageKb = () => Math.ceil([...self.storage].reduce((n, [k, v]) => n + k.length + v.length, 0) / 1024);

    const api: Obj = {
      // base
      getSystemInfoSync: () => ({ ...windowInfo, ...baseInfo, ...deviceInfo }),
      getSystemInfo: async('getSystemInfo', () => ({ ...windowInfo, ...baseInfo, ...deviceInfo })),
      getWindowInfo: () => ({ ...windowInfo }),
      getAppBaseInfo: () => ({ ...baseInfo }),
      getDeviceInfo: () => ({ ...deviceInfo }),
      getLaunchOptionsSync: () => clone(self.launchOptions),
      getEnterOptionsSync: () => clone(self.launchOptions),
      canIUse: () => true,
      onAppShow: (cb: Fn) => void self.appShow.push(cb),
      offAppShow: (cb: Fn) => void self.appShow.splice(self.appShow.indexOf(cb) >>> 0, 1),
      onAppHide: (cb: Fn) => void self.appHide.push(cb),
      offAppHide: (cb: Fn) => void self.appHide.splice(self.appHide.indexOf(cb) >>> 0, 1),
      onError: () => undefined,
      onUnhandledRejection: () => undefined,
      onPageNotFound: () => undefined,
      nextTick: (fn: Fn) => void Promise.resolve().then(() => self.guard('nextTick', fn)),
      // storage (10 MB in all, 1 MB per key; a missing key reads as '')
      setStorageSync: (key: unknown, data: unknown) => {
        self.apiCalls.push('setStorageSync');
        if (typeof key !== 'string' || !key) throw new Error('setStorageSync:fail parameter error: key must be string');
        const json = JSON.stringify({ data });
        if (json.length > 1024 * 1024) throw new Error('setStorageSync:fail exceed storage item max length');
        const prev = self.storage.get(key);
        self.storage.set(key, json);
        if (storageKb() > 10 * 1024) {
          if (prev === undefined) self.storage.delete(key);
          else self.storage.set(key, prev);
          throw new Error('setStorageSync:fail exceed storage max size 10MB');
        }
      },
      getStorageSync: (key: string) => {
        self.apiCalls.push('getStorageSync');
        const raw = self.storage.get(key);
        return raw === undefined ? '' : (JSON.parse(raw) as { data: unknown }).data;
      },
      removeStorageSync: (key: string) => {
        self.apiCalls.push('removeStorageSync');
        self.storage.delete(key);
      },
      clearStorageSync: () => self.storage.clear(),
      getStorageInfoSync: () => ({ keys: [...self.storage.keys()], currentSize: storageKb(), limitSize: 10240 }),
      setStorage: async('setStorage', (o) => (api.setStorageSync(o.key, o.data), {})),
      getStorage: async('getStorage', (o) => {
        if (!self.storage.has(o.key)) throw new WeChatError('data not found');
        return { data: api.getStorageSync(o.key) };
      }),
      removeStorage: async('removeStorage', (o) => (self.storage.delete(o.key), {})),
      // network
      request: (o: Obj) => self.request(o),
      getNetworkType: async('getNetworkType', () => ({ networkType: self.online ? 'wifi' : 'none' })),
      onNetworkStatusChange: (cb: Fn) => void self.netChange.push(cb),
      offNetworkStatusChange: (cb: Fn) => void self.netChange.splice(self.netChange.indexOf(cb) >>> 0, 1),
      // scanner
      scanCode: async('scanCode', () => {
        if (!self.scanQueue.length) throw new WeChatError('cancel');
        const text = self.scanQueue.shift();
        if (text === undefined) throw new WeChatError('cancel');
        return {
          result: text,
          scanType: 'QR_CODE',
          charSet: 'utf-8',
          rawData: Buffer.from(text, 'utf8').toString('base64'),
        };
      }),
      // routing
      navigateTo: async('navigateTo', (o) => (self.navigateTo(String(o.url)), {})),
      redirectTo: async('redirectTo', (o) => (self.redirectTo(String(o.url)), {})),
      navigateBack: async('navigateBack', (o) => (self.navigateBack(o.delta ?? 1), {})),
      switchTab: async('switchTab', (o) => (self.switchTab(String(o.url)), {})),
      reLaunch: async('reLaunch', (o) => (self.reLaunch(String(o.url)), {})),
      // interface
      showToast: async('showToast', () => ({})),
      hideToast: async('hideToast', () => ({})),
      showLoading: async('showLoading', () => ({})),
      hideLoading: async('hideLoading', () => ({})),
      showModal: async('showModal', () => ({ confirm: true, cancel: false })),
      setNavigationBarTitle: async('setNavigationBarTitle', () => ({})),
      setNavigationBarColor: async('setNavigationBarColor', () => ({})),
      stopPullDownRefresh: async('stopPullDownRefresh', () => ({})),
      pageScrollTo: async('pageScrollTo', () => ({})),
      createSelectorQuery: () => {
        const q: Obj = {
          in: () => q,
          select: () => q,
          selectAll: () => q,
          selectViewport: () => q,
          boundingClientRect: () => q,
          scrollOffset: () => q,
          fields: () => q,
          exec: (cb?: Fn) => cb && setImmediate(() => cb([])),
        };
        return q;
      },
      getRandomValues: async('getRandomValues', (o) => ({
        randomValues: new Uint8Array(Array.from({ length: o.length }, () => Math.floor(Math.random() * 256))).buffer,
      })),
      arrayBufferToBase64: (b: ArrayBuffer) => Buffer.from(b).toString('base64'),
      base64ToArrayBuffer: (s: string) => {
        const b = Buffer.from(s, 'base64');
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      },
      env: { USER_DATA_PATH },
      // media
      chooseMedia: async('chooseMedia', (o) => self.chooseMedia(o)),
      // files
      getFileSystemManager: () => {
        self.apiCalls.push('getFileSystemManager');
        return self.fileSystemManager(async);
      },
      uploadFile: (o: Obj) => self.uploadFile(o),
    };
    // Names the app looks up but WeChat's API does not have stay undefined, as on a real device.
    this.wxApi = new Proxy(api, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && prop !== 'webpackJsonp' && !self.apiCalls.includes(`?${prop}`))
          self.apiCalls.push(`?${prop}`);
        return Reflect.get(target, prop, receiver);
      },
    });
    return this.wxApi;
  }

  /** Paths the app may read: its own files and the temporary files of this run. */
  private fileAt(p: string): Uint8Array | undefined {
    return p.startsWith(`${USER_DATA_PATH}/`) ? this.userFiles.get(p) : this.tempFiles.get(p);
  }

  private tempCounter = 0;

  /**
   * wx.chooseMedia as WeChat documents it: `{ tempFiles: [{ tempFilePath, size, fileType, width, height,
   * duration, thumbTempFilePath }], type }`; at most `count` files; only the kinds `mediaType` allows are
   * offered; closing the sheet fails with `chooseMedia:fail cancel`.
   */
  private chooseMedia(o: Obj): Obj {
    const count = o.count ?? 9;
    if (typeof count !== 'number' || count < 1 || count > 20)
      throw new WeChatError('parameter error: count should be a number between 1 and 20');
    const mediaType: string[] = o.mediaType ?? ['image', 'video'];
    const picked = this.mediaQueue.length ? this.mediaQueue.shift() : undefined;
    if (!picked) throw new WeChatError('cancel');
    const offered = picked.filter((m) => mediaType.includes(m.fileType ?? 'image') || mediaType.includes('mix'));
    if (!offered.length) throw new WeChatError('cancel');
    const tempFiles = offered.slice(0, count).map((m) => {
      const kind = m.fileType ?? 'image';
      const tempFilePath = `wxfile://tmp_${process.pid}_${++this.tempCounter}.${kind === 'video' ? 'mp4' : 'jpg'}`;
      this.tempFiles.set(tempFilePath, new Uint8Array(m.bytes));
      return {
        tempFilePath,
        size: m.bytes.length,
        fileType: kind,
        width: m.width ?? 0,
        height: m.height ?? 0,
        duration: kind === 'video' ? 1 : 0,
        thumbTempFilePath: '',
      };
    });
    const kinds = new Set(tempFiles.map((f) => f.fileType));
    return { tempFiles, type: kinds.size > 1 ? 'mix' : [...kinds][0] };
  }

  /**
   * wx.getFileSystemManager(): the app's files. saveFile moves a temporary file under USER_DATA_PATH (the
   * only folder the app may write); readFile answers an ArrayBuffer (or a string with `encoding`), from
   * `position` for `length` bytes; unlink, access, copyFile; the errors as WeChat words them.
   */
  private fileSystemManager(async: (name: string, impl: (o: Obj) => Obj) => (o?: Obj) => unknown): Obj {
    const self = this;
    const noFile = (p: string, op = 'open') => new WeChatError(`no such file or directory, ${op} ${p}`);
    const writable = (p: string) => {
      if (!p.startsWith(`${USER_DATA_PATH}/`)) throw new WeChatError(`permission denied, open "${p}"`);
      // No sub-folders exist until made (mkdir is not served): only files directly in USER_DATA_PATH.
      if (p.slice(USER_DATA_PATH.length + 1).includes('/'))
        throw new WeChatError(`no such file or directory "${path.posix.dirname(p)}"`);
    };
    const used = () => [...self.userFiles.values()].reduce((n, b) => n + b.length, 0);
    const store = (p: string, bytes: Uint8Array) => {
      const prev = self.userFiles.get(p)?.length ?? 0;
      if (used() - prev + bytes.length > USER_FILES_LIMIT)
        throw new WeChatError('the maximum size of the file storage limit is exceeded');
      self.userFiles.set(p, bytes);
    };
    const read = (o: Obj): string | ArrayBuffer => {
      const p = String(o.filePath ?? '');
      const bytes = self.fileAt(p);
      if (!bytes) throw noFile(p);
      const start = Number(o.position ?? 0);
      const part = bytes.subarray(start, o.length === undefined ? undefined : start + Number(o.length));
      if (o.encoding) return Buffer.from(part).toString(o.encoding === 'binary' ? 'latin1' : o.encoding);
      return part.slice().buffer;
    };
    let n = 0;
    const saveFile = (o: Obj) => {
      const from = String(o.tempFilePath ?? '');
      const bytes = self.tempFiles.get(from);
      if (!bytes) throw new WeChatError('tempFilePath file not exist');
      const to = o.filePath ? String(o.filePath) : `${USER_DATA_PATH}/saved_${process.pid}_${++n}`;
      writable(to);
      store(to, bytes);
      // saveFile moves: the temporary path is gone after it.
      self.tempFiles.delete(from);
      return { savedFilePath: to };
    };
    return {
      saveFile: async('saveFile', saveFile),
      saveFileSync: (tempFilePath: string, filePath?: string) => saveFile({ tempFilePath, filePath }).savedFilePath,
      readFile: async('readFile', (o) => ({ data: read(o) })),
      readFileSync: (filePath: string, encoding?: string, position?: number, length?: number) =>
        read({ filePath, encoding, position, length }),
      copyFile: async('copyFile', (o) => {
        const bytes = self.fileAt(String(o.srcPath));
        if (!bytes) throw noFile(String(o.srcPath), 'copyFile');
        writable(String(o.destPath));
        store(String(o.destPath), new Uint8Array(bytes));
        return {};
      }),
      unlink: async('unlink', (o) => {
        const p = String(o.filePath ?? '');
        if (!p.startsWith(`${USER_DATA_PATH}/`)) throw new WeChatError(`permission denied, open ${p}`);
        if (!self.userFiles.delete(p)) throw noFile(p, 'unlink');
        return {};
      }),
      access: async('access', (o) => {
        if (!self.fileAt(String(o.path ?? ''))) throw noFile(String(o.path), 'access');
        return {};
      }),
      stat: async('stat', (o) => {
        const bytes = self.fileAt(String(o.path ?? ''));
        if (!bytes) throw noFile(String(o.path), 'stat');
        return { stats: { size: bytes.length, mode: 33188, isFile: () => true, isDirectory: () => false } };
      }),
    };
  }

  /**
   * wx.uploadFile: a multipart/form-data POST of the file at `filePath` under the field `name` (and
   * `formData`'s fields); success for every HTTP status with `statusCode` and the answer as a string
   * (`data` is never parsed); fail with `uploadFile:fail …` when offline or the file is missing.
   */
  private uploadFile(o: Obj) {
    this.apiCalls.push('uploadFile');
    let aborted = false;
    const url = String(o.url ?? '');
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.header ?? {}) as Obj)) header[k.toLowerCase()] = String(v);
    const finish = (success: boolean, res: Obj) => {
      if (success) o.success && this.guard('uploadFile success', () => o.success(res));
      else o.fail && this.guard('uploadFile fail', () => o.fail(res));
      o.complete && this.guard('uploadFile complete', () => o.complete(res));
    };
    const work = (async () => {
      await Promise.resolve();
      const bytes = this.fileAt(String(o.filePath ?? ''));
      if (!bytes) return finish(false, { errMsg: `uploadFile:fail file not found ${String(o.filePath)}` });
      if (!o.name) return finish(false, { errMsg: 'uploadFile:fail parameter error: name should be String' });
      if (!/^https?:\/\//.test(url)) return finish(false, { errMsg: 'uploadFile:fail invalid url' });
      if (this.opts.requestDomains) {
        const origin = /^(https?:\/\/[^/?#]+)/.exec(url)![1]!;
        if (!url.startsWith('https://') || !this.opts.requestDomains.includes(origin))
          return finish(false, { errMsg: 'uploadFile:fail url not in domain list' });
      }
      if (!this.online) return finish(false, { errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED' });
      const form = new FormData();
      for (const [k, v] of Object.entries((o.formData ?? {}) as Obj)) form.append(k, String(v));
      const file = String(o.filePath);
      form.append(String(o.name), new Blob([bytes.slice()]), file.slice(file.lastIndexOf('/') + 1));
      delete header['content-type'];
      const entry: (typeof this.uploads)[number] = { url, name: String(o.name), header };
      this.uploads.push(entry);
      const ctrl = new AbortController();
      const timeout = setTimeout(() => ctrl.abort(), Number(o.timeout ?? 60_000));
      try {
        const target = this.opts.route ? this.opts.route(url) : url;
        const res = await fetch(target, { method: 'POST', headers: header, body: form, signal: ctrl.signal });
        const data = await res.text();
        if (aborted) return finish(false, { errMsg: 'uploadFile:fail abort' });
        entry.status = res.status;
        return finish(true, { data, statusCode: res.status, errMsg: 'uploadFile:ok' });
      } catch (e) {
        if (aborted) return finish(false, { errMsg: 'uploadFile:fail abort' });
        if ((e as Error).name === 'AbortError') return finish(false, { errMsg: 'uploadFile:fail timeout' });
        return finish(false, { errMsg: `uploadFile:fail ${(e as Error).message}` });
      } finally {
        clearTimeout(timeout);
      }
    })();
    this.track(work);
    return {
      abort: () => {
        aborted = true;
      },
      onProgressUpdate: () => undefined,
      offProgressUpdate: () => undefined,
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
    };
  }

  private request(o: Obj) {
    const self = this;
    this.apiCalls.push('request');
    let aborted = false;
    const method = String(o.method ?? 'GET').toUpperCase();
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries((o.header ?? {}) as Obj)) header[k.toLowerCase()] = String(v);
    let url = String(o.url);
    let body: string | undefined;
    let bytes: Uint8Array<ArrayBuffer> | undefined;
    if (isArrayBuffer(o.data)) {
      // An ArrayBuffer is sent as it is (WeChat: data may be string, object or ArrayBuffer).
      if (method !== 'GET') bytes = new Uint8Array(o.data as ArrayBuffer).slice();
    } else if (o.data !== undefined && o.data !== null) {
      if (method === 'GET') {
        // GET data becomes the query string (objects only), as WeChat documents.
        if (typeof o.data === 'object') {
          const qs = Object.entries(o.data as Obj)
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
            .join('&');
          if (qs) url += (url.includes('?') ? '&' : '?') + qs;
        }
      } else if (typeof o.data === 'string') body = o.data;
      else if ((header['content-type'] ?? 'application/json').includes('application/json'))
        body = JSON.stringify(o.data);
      else
        body = Object.entries(o.data as Obj)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&');
    }
    if (!header['content-type']) header['content-type'] = 'application/json';
    const entry: RequestLog = { method, url, body: bytes ? `<${bytes.length} bytes>` : body, errMsg: '' };
    this.requests.push(entry);
    const finish = (success: boolean, res: Obj) => {
      entry.errMsg = res.errMsg;
      if (res.statusCode) entry.status = res.statusCode;
      if (success) o.success && self.guard('request success', () => o.success(res));
      else o.fail && self.guard('request fail', () => o.fail(res));
      o.complete && self.guard('request complete', () => o.complete(res));
    };
    const work = (async () => {
      await Promise.resolve();
      if (!/^https?:\/\//.test(url)) return finish(false, { errMsg: 'request:fail invalid url', errno: 600009 });
      if (this.opts.requestDomains) {
        const origin = /^(https?:\/\/[^/?#]+)/.exec(url)![1]!;
        if (!url.startsWith('https://') || !this.opts.requestDomains.includes(origin))
          return finish(false, { errMsg: 'request:fail url not in domain list', errno: 600002 });
      }
      if (!this.online) return finish(false, { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 });
      const target = this.opts.route ? this.opts.route(url) : url;
      const ctrl = new AbortController();
      const timeout = setTimeout(() => ctrl.abort(), Number(o.timeout ?? 60_000));
      try {
        const res = await fetch(target, {
          method,
          headers: header,
          ...(bytes ? { body: bytes } : body !== undefined ? { body } : {}),
          signal: ctrl.signal,
        });
        const text = await res.text();
        if (aborted) return finish(false, { errMsg: 'request:fail abort', errno: 600003 });
        let data: unknown = text;
        if ((o.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        // Every HTTP answer, 4xx and 5xx included, is a success for wx.request.
        return finish(true, {
          data,
          statusCode: res.status,
          header: headers,
          cookies: [],
          errMsg: 'request:ok',
        });
      } catch (e) {
        if (aborted) return finish(false, { errMsg: 'request:fail abort', errno: 600003 });
        if ((e as Error).name === 'AbortError') return finish(false, { errMsg: 'request:fail timeout', errno: 5 });
        return finish(false, { errMsg: `request:fail ${(e as Error).message}`, errno: 600000 });
      } finally {
        clearTimeout(timeout);
      }
    })();
    this.track(work);
    return {
      abort: () => {
        aborted = true;
      },
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      onChunkReceived: () => undefined,
      offChunkReceived: () => undefined,
    };
  }

  // ───────────────────────── plumbing ─────────────────────────

  private track(p: Promise<unknown>) {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private guard(where: string, fn: Fn) {
    try {
      return fn();
    } catch (e) {
      this.errors.push(`${where}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.callApp('onError', e instanceof Error ? (e.stack ?? e.message) : String(e));
      return undefined;
    }
  }

  private makeConsole() {
    const log = this.opts.log ?? (() => undefined);
    return {
      log: (...a: unknown[]) => log(a.map(String).join(' ')),
      info: (...a: unknown[]) => log(a.map(String).join(' ')),
      debug: () => undefined,
      warn: (...a: unknown[]) => this.errors.push(`warn: ${a.map(String).join(' ')}`),
      error: (...a: unknown[]) =>
        this.errors.push(`error: ${a.map((x) => (x instanceof Error ? x.stack : String(x))).join(' ')}`),
      time: () => undefined,
      timeEnd: () => undefined,
      group: () => undefined,
      groupEnd: () => undefined,
      trace: () => undefined,
      assert: () => undefined,
    };
  }

  /** Waits until pending requests, render callbacks and microtasks have settled. */
  async settle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setImmediate(r));
      if (this.inflight.size) await Promise.all([...this.inflight]);
      else {
        await new Promise((r) => setImmediate(r));
        if (!this.inflight.size) return;
      }
    }
  }

  /**
   * Waits until the app has nothing left to do: no request in flight and no one-off timer still to fire
   * (a retry the app scheduled runs, and its request is answered, before this returns).
   */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settle();
      if (!this.timeouts.size && !this.inflight.size) return;
      if (Date.now() > deadline)
        throw new Error(`the app is still busy after ${timeoutMs} ms: ${this.timeouts.size} timers`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops every timer the app set (the session ends). */
  close() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.timeouts.clear();
  }
}

/** A node of the view layer's tree, as WeChat's compiled WXML (wcc) produces it from the page data. */
export interface VNode {
  tag: string;
  attr: Record<string, unknown>;
  children: (VNode | string)[];
}

/**
 * The view layer (渲染层): the build's WXML compiled by WeChat's own compiler (wcc from npm
 * `miniprogram-compiler`) and run with the data each page sent through setData.
 */
export class ViewLayer {
  private readonly gwx: (file: string) => ((data: Obj, env: Obj, scope: Obj) => VNode) | undefined;
  /** Size of the compiled templates (wcc's output), bytes. */
  readonly compiledBytes: number;
  /** What the templates reported while drawing (a missing template, a bad expression…). */
  readonly warnings: string[] = [];
  private readonly ctx: vm.Context;

  constructor(readonly root: string) {
    const js = compiler().wxmlToJs(root, { maxBuffer: 64 * 1024 * 1024 });
    const warnings = (...a: unknown[]) => void this.warnings.push(a.map(String).join(' '));
    this.compiledBytes = js.length;
    // The compiled templates expect a WebView's `window` (the view layer is a browser page).
    const ctx = vm.createContext({ console: { log() {}, info() {}, debug() {}, warn: warnings, error: warnings } });
    ctx.window = ctx;
    ctx.__wxAppCode__ = {};
    this.ctx = ctx;
    this.gwx = (vm.runInContext(`(function (global) {${js}\n})`, ctx, { filename: 'wcc-output.js' }) as Fn)({});
  }

  /** The tree WeChat draws for `file` (e.g. pages/index/index.wxml) with this data. */
  render(file: string, data: Obj): VNode {
    const gen = this.gwx(file);
    if (typeof gen !== 'function') throw new WeChatError(`view layer: no compiled template for ${file}`);
    // Data crosses from the logic layer as JSON (and must be the view context's own objects).
    const json = (vm.runInContext('JSON', this.ctx) as JSON).parse(JSON.stringify(data)) as Obj;
    const tree = gen(json, {}, {});
    return this.expandComponents(file, tree);
  }

  /** Custom components (Taro's `comp` for deep trees) are drawn from their own WXML with their properties. */
  private expandComponents(file: string, node: VNode): VNode {
    const jsonFile = path.join(this.root, file.replace(/\.wxml$/, '.json'));
    const using = fs.existsSync(jsonFile)
      ? ((JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> })
          .usingComponents ?? {})
      : {};
    const walk = (n: VNode): VNode => {
      const name = n.tag.replace(/^wx-/, '');
      const target = using[name];
      if (target) {
        const comp = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
        const inner = this.render(`${comp}.wxml`, n.attr);
        return { ...n, children: inner.children.map((c) => (typeof c === 'string' ? c : walk(c))) };
      }
      return { ...n, children: (n.children ?? []).map((c) => (typeof c === 'string' ? c : walk(c))) };
    };
    return walk(node);
  }
}

type Compiler = {
  wxmlToJs(root: string, o?: Obj): string;
  wxssToJs(root: string, o?: Obj): string;
};
let compilerModule: Compiler | undefined;
/** npm miniprogram-compiler: WeChat's wcc (WXML) and wcsc (WXSS), native Linux x64 binaries. */
export function compiler(): Compiler {
  compilerModule ??= createRequire(import.meta.url)('miniprogram-compiler') as Compiler;
  return compilerModule;
}

export function textOf(n: VNode | string): string {
  if (typeof n === 'string') return n;
  return (n.children ?? []).map(textOf).join('');
}

/** An open page as the person sees it: WeChat's rendering of its data; taps and typing go to its handler. */
export class PageHandle {
  constructor(
    readonly wechat: WeChat,
    readonly route: string,
    readonly instance: Obj,
  ) {}

  get data(): Obj {
    return this.instance.data as Obj;
  }

  /** How many times the page called setData. */
  get renders(): number {
    return (this.instance.setDataLog as unknown[]).length;
  }

  /** The page drawn from its current data by WeChat's compiled WXML. */
  view(): VNode {
    if (!this.data.root) throw new WeChatError(`${this.route}: nothing rendered (no setData of "root")`);
    return this.wechat.view().render(`${this.route}.wxml`, this.data);
  }

  /** All text the page shows, in order. */
  text(): string {
    return textOf(this.view());
  }

  findAll(pred: (n: VNode) => boolean, from: VNode = this.view()): VNode[] {
    const out: VNode[] = [];
    const walk = (n: VNode | string) => {
      if (typeof n === 'string') return;
      if (pred(n)) out.push(n);
      n.children?.forEach(walk);
    };
    walk(from);
    return out;
  }

  /** Elements with this class. */
  byClass(cls: string): VNode[] {
    return this.findAll((n) => typeof n.attr?.class === 'string' && n.attr.class.split(/\s+/).includes(cls));
  }

  /** The one tappable element (its WXML binds tap) whose text contains `label`; the innermost if nested. */
  tappable(label: string | RegExp): VNode {
    const hits = this.findAll((n) => {
      if (n.attr?.bindtap !== 'eh' && n.attr?.catchtap !== 'eh') return false;
      const t = textOf(n);
      return typeof label === 'string' ? t.includes(label) : label.test(t);
    });
    const inner = hits.filter((h) => !hits.some((o) => o !== h && this.findAll((x) => x === o, h).length));
    const buttons = inner.filter((n) => n.tag === 'wx-button');
    const pick = buttons.length ? buttons : inner;
    if (pick.length !== 1)
      throw new WeChatError(
        `${this.route}: ${pick.length} tappable elements show "${String(label)}"; the page shows: ${this.text()}`,
      );
    return pick[0]!;
  }

  /** The view layer reports an event of this element to the page's handler, as WeChat does. */
  dispatch(n: VNode, type: string, detail: Obj = {}) {
    const bound = n.attr?.[`bind${type}`] ?? n.attr?.[`catch${type}`];
    if (typeof bound !== 'string')
      throw new WeChatError(`${this.route}: a <${n.tag}> does not report "${type}" events`);
    if (n.attr.disabled === true) return;
    const dataset: Obj = {};
    for (const [k, v] of Object.entries(n.attr))
      if (k.startsWith('data-')) dataset[k.slice(5).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = v;
    const target = { id: n.attr.id ?? '', dataset, offsetLeft: 0, offsetTop: 0 };
    const event = {
      type,
      timeStamp: Date.now() % 1_000_000,
      target,
      currentTarget: { ...target, dataset: { ...dataset } },
      detail,
      mark: {},
      mut: false,
      ...(type === 'tap' ? { touches: [], changedTouches: [] } : {}),
    };
    const handler = this.instance[bound];
    if (typeof handler !== 'function') throw new WeChatError(`${this.route}: the page has no "${bound}" method`);
    handler.call(this.instance, event);
  }

  tap(label: string | RegExp) {
    this.dispatch(this.tappable(label), 'tap', { x: 10, y: 10 });
  }

  /** Taps the `index`-th of the buttons whose whole text is `label` (e.g. the "5" of the third rating row). */
  tapNth(label: string, index: number) {
    const hits = this.findAll((n) => n.tag === 'wx-button' && textOf(n) === label);
    const n = hits[index];
    if (!n) throw new WeChatError(`${this.route}: no button #${index} "${label}" (${hits.length} found)`);
    this.dispatch(n, 'tap', { x: 10, y: 10 });
  }

  /** The input or textarea whose placeholder contains `placeholder`. */
  field(placeholder: string): VNode {
    const hits = this.findAll(
      (n) => ['wx-input', 'wx-textarea'].includes(n.tag) && String(n.attr?.placeholder ?? '').includes(placeholder),
    );
    if (hits.length !== 1)
      throw new WeChatError(`${this.route}: ${hits.length} fields with placeholder "${placeholder}"`);
    return hits[0]!;
  }

  /** Typing or pasting: WeChat reports the whole value with each input event, cut to maxlength. */
  type(placeholder: string, value: string): string {
    const n = this.field(placeholder);
    const max = Number(n.attr.maxlength ?? 140);
    const v = max >= 0 ? value.slice(0, max) : value;
    this.dispatch(n, 'input', { value: v, cursor: v.length, keyCode: 0 });
    return v;
  }
}
