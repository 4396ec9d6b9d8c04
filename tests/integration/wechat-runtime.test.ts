import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dataPath, WeChat, WeChatError } from '../helpers/wechat-runtime';

/**
 * The WeChat stand-in itself (tests/helpers/wechat-runtime.ts) refuses what WeChat refuses and answers
 * the way WeChat documents, so that the weapp test can fail where a phone would. Each case is a tiny
 * hand-written mini-program.
 */

let dir: string;
let api: http.Server;
let apiUrl: string;

function app(files: Record<string, string>, pages = ['pages/a/a']): string {
  const root = fs.mkdtempSync(path.join(dir, 'app-'));
  const all: Record<string, string> = {
    'app.json': JSON.stringify({ pages }),
    'app.js': 'App({ onLaunch() { this.launched = true } })',
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-standin-'));
  api = http.createServer((req, res) => {
    if (req.url === '/echo') {
      // What the server received: for checking what wx.request and wx.uploadFile put on the wire.
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const got = Buffer.concat(parts);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            contentType: req.headers['content-type'],
            clientId: req.headers['x-client-id'],
            length: got.length,
            latin1: got.toString('latin1'),
          }),
        );
      });
      return;
    }
    const body = req.url === '/json' ? '{"ok":true}' : 'plain text';
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'text/plain' });
    res.end(body);
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => api.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WeChat runtime stand-in', () => {
  test('browser and Node globals do not exist, and dynamic code is refused', () => {
    for (const [code, error] of [
      ['window.x = 1', /of undefined/],
      ['document.title', /of undefined/],
      ['new TextEncoder()', /TextEncoder is not defined/],
      ['new URL("https://a.b")', /URL is not defined/],
      ['process.env', /process is not defined/],
      ['new Function("return 1")()', /Code generation from strings disallowed/],
      ['eval("1")', /Code generation from strings disallowed/],
    ] as const) {
      const wc = new WeChat({ root: app({ 'app.js': `${code}; App({})`, 'pages/a/a.js': 'Page({})' }) });
      expect(() => wc.launch(), code).toThrow(error);
    }
  });

  test('App() only in app.js and once; Page() once per listed page; navigation rules', async () => {
    expect(() => new WeChat({ root: app({ 'app.js': 'App({}); App({})' }) }).launch()).toThrow('App() called twice');
    expect(() => new WeChat({ root: app({ 'app.js': '' }) }).launch()).toThrow('did not call App()');
    expect(() => new WeChat({ root: app({ 'pages/a/a.js': '' }) }).launch()).toThrow('did not call Page()');
    const root = app(
      {
        'pages/a/a.js': 'Page({ data: { n: 0 }, onLoad(q) { this.setData({ q, "list[1].x": 2 }) } })',
        'pages/b/b.js': 'Page({ onLoad(q) { this.setData({ q }) } })',
      },
      ['pages/a/a', 'pages/b/b'],
    );
    fs.writeFileSync(
      path.join(root, 'app.json'),
      JSON.stringify({ pages: ['pages/a/a', 'pages/b/b'], tabBar: { list: [{ pagePath: 'pages/a/a' }] } }),
    );
    const wc = new WeChat({ root });
    wc.launch({ path: 'pages/a/a', query: { q: 'https%3A%2F%2Fx%2Fy' }, scene: 1011 });
    const a = wc.currentPage();
    // Query values arrive as written (WeChat does not decode them); setData paths build nested data.
    expect(a.data).toEqual({ n: 0, q: { q: 'https%3A%2F%2Fx%2Fy' }, list: [undefined, { x: 2 }] });
    expect(wc.launchOptions).toMatchObject({ scene: 1011, query: { q: 'https%3A%2F%2Fx%2Fy' } });
    const wx = wc.context.wx as Record<string, (o: object) => Promise<unknown>>;
    await expect(wx.navigateTo!({ url: '/pages/a/a' })).rejects.toEqual({
      errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
    });
    await wx.navigateTo!({ url: '/pages/b/b?x=1%202' });
    expect(wc.pageStack()).toEqual(['pages/a/a', 'pages/b/b']);
    expect(wc.currentPage().data).toEqual({ q: { x: '1%202' } });
    expect(dataPath('root.cn.[0].cn[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v']);
    expect(() => (a.instance.setData as (d: object) => void)({ f: () => 1 })).toThrow(WeChatError);
    wc.close();
  });

  test('wx.request: every HTTP status is success; offline and unlisted domains fail with errMsg and errno', async () => {
    const wc = new WeChat({ root: app({ 'pages/a/a.js': 'Page({})' }) });
    wc.launch();
    const wx = wc.context.wx as Record<string, (o: object) => unknown>;
    const call = (o: object) =>
      new Promise((resolve) => wx.request!({ ...o, success: resolve, fail: (e: unknown) => resolve({ failed: e }) }));
    expect(await call({ url: `${apiUrl}/json` })).toMatchObject({
      statusCode: 200,
      data: { ok: true },
      errMsg: 'request:ok',
    });
    expect(await call({ url: `${apiUrl}/missing` })).toMatchObject({ statusCode: 404, data: 'plain text' });
    wc.setOnline(false);
    expect(await call({ url: `${apiUrl}/json` })).toEqual({
      failed: { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 },
    });
    wc.close();
    const strict = new WeChat({ root: app({ 'pages/a/a.js': 'Page({})' }), requestDomains: [apiUrl] });
    strict.launch();
    const swx = strict.context.wx as Record<string, (o: object) => unknown>;
    const failed = await new Promise((resolve) => swx.request!({ url: `${apiUrl}/json`, fail: resolve }));
    expect(failed).toEqual({ errMsg: 'request:fail url not in domain list', errno: 600002 });
    strict.close();
  });

  test('wx.chooseMedia, the file system manager and wx.uploadFile answer as WeChat documents them', async () => {
    const persisted = { storage: new Map<string, string>(), userFiles: new Map<string, Uint8Array>() };
    const wc = new WeChat({ root: app({ 'pages/a/a.js': 'Page({})' }), persisted });
    wc.launch();
    const wx = wc.context.wx as Record<string, (...a: any[]) => any>;
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    const video = Uint8Array.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]);
    // The person cancels: fail with "cancel"; picks three when two are allowed: two; a video where only
    // images are offered is not offered.
    await expect(wx.chooseMedia!({ count: 2, mediaType: ['image'] })).rejects.toEqual({
      errMsg: 'chooseMedia:fail cancel',
    });
    wc.mediaQueue.push([{ bytes: jpeg }, { bytes: video, fileType: 'video' }, { bytes: jpeg }, { bytes: jpeg }]);
    const chosen = await wx.chooseMedia!({ count: 2, mediaType: ['image'] });
    expect(chosen).toMatchObject({ type: 'image', errMsg: 'chooseMedia:ok' });
    expect(chosen.tempFiles).toHaveLength(2);
    expect(chosen.tempFiles[0]).toEqual({
      tempFilePath: expect.stringMatching(/^wxfile:\/\/tmp_/),
      size: jpeg.length,
      fileType: 'image',
      width: 0,
      height: 0,
      duration: 0,
      thumbTempFilePath: '',
    });
    const [first, second] = chosen.tempFiles as { tempFilePath: string }[];
    const fsm = wx.getFileSystemManager!();
    // readFile: an ArrayBuffer, from position for length.
    const head = await fsm.readFile({ filePath: first!.tempFilePath, position: 0, length: 3 });
    expect([...new Uint8Array(head.data)]).toEqual([0xff, 0xd8, 0xff]);
    // saveFile moves the file into USER_DATA_PATH, nowhere else, and not into a folder never made.
    await expect(fsm.saveFile({ tempFilePath: first!.tempFilePath, filePath: '/etc/x.jpg' })).rejects.toEqual({
      errMsg: 'saveFile:fail permission denied, open "/etc/x.jpg"',
    });
    await expect(
      fsm.saveFile({
        tempFilePath: first!.tempFilePath,
        filePath: `${(wc.context.wx as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/dir/x.jpg`,
      }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('saveFile:fail no such file or directory') });
    const saved = await fsm.saveFile({
      tempFilePath: first!.tempFilePath,
      filePath: `${(wc.context.wx as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/a.jpg`,
    });
    expect(saved).toEqual({ savedFilePath: 'wxfile://usr/a.jpg', errMsg: 'saveFile:ok' });
    await expect(fsm.readFile({ filePath: first!.tempFilePath })).rejects.toEqual({
      errMsg: `readFile:fail no such file or directory, open ${first!.tempFilePath}`,
    });
    await expect(fsm.saveFile({ tempFilePath: first!.tempFilePath })).rejects.toEqual({
      errMsg: 'saveFile:fail tempFilePath file not exist',
    });

    // wx.uploadFile: multipart/form-data with the file under `name`; data is the answer as a string.
    const upload = (o: object) =>
      new Promise<any>((resolve) =>
        wx.uploadFile!({ ...o, success: resolve, fail: (e: unknown) => resolve({ failed: e }) }),
      );
    const up = await upload({
      url: `${apiUrl}/echo`,
      filePath: 'wxfile://usr/a.jpg',
      name: 'photo',
      header: { 'X-Client-Id': 'abc' },
      formData: { index: '1' },
    });
    expect(up).toMatchObject({ statusCode: 201, errMsg: 'uploadFile:ok' });
    expect(typeof up.data).toBe('string');
    const echoed = JSON.parse(up.data);
    expect(echoed.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(echoed.clientId).toBe('abc');
    expect(echoed.latin1).toContain('name="photo"; filename="a.jpg"');
    expect(echoed.latin1).toContain('name="index"');
    expect(echoed.latin1).toContain(Buffer.from(jpeg).toString('latin1'));
    expect(
      await upload({ url: `${apiUrl}/echo`, filePath: second!.tempFilePath.replace('tmp_', 'gone_'), name: 'p' }),
    ).toMatchObject({ failed: { errMsg: expect.stringMatching(/^uploadFile:fail file not found/) } });

    // wx.request with an ArrayBuffer body sends the bytes as they are.
    const raw = await new Promise<any>((resolve) =>
      wx.request!({
        url: `${apiUrl}/echo`,
        method: 'POST',
        header: { 'content-type': 'image/jpeg' },
        data: jpeg.slice().buffer,
        success: resolve,
      }),
    );
    expect(raw.data).toMatchObject({ contentType: 'image/jpeg', length: jpeg.length });
    expect(raw.data.latin1).toBe(Buffer.from(jpeg).toString('latin1'));

    wc.setOnline(false);
    expect(await upload({ url: `${apiUrl}/echo`, filePath: 'wxfile://usr/a.jpg', name: 'photo' })).toEqual({
      failed: { errMsg: 'uploadFile:fail net::ERR_INTERNET_DISCONNECTED' },
    });
    wc.close();

    // A restart: the app's own files and storage are still there, this run's temporary files are not.
    const again = new WeChat({ root: app({ 'pages/a/a.js': 'Page({})' }), persisted });
    again.launch();
    const fsm2 = (again.context.wx as Record<string, (...a: any[]) => any>).getFileSystemManager!();
    expect((await fsm2.readFile({ filePath: 'wxfile://usr/a.jpg' })).data.byteLength).toBe(jpeg.length);
    await expect(fsm2.access({ path: second!.tempFilePath })).rejects.toMatchObject({
      errMsg: expect.stringContaining('access:fail no such file or directory'),
    });
    await fsm2.unlink({ filePath: 'wxfile://usr/a.jpg' });
    await expect(fsm2.unlink({ filePath: 'wxfile://usr/a.jpg' })).rejects.toMatchObject({
      errMsg: expect.stringContaining('unlink:fail no such file or directory'),
    });
    again.close();
  });

  test("storage: a missing key reads as '', values keep their type, 1 MB per key", () => {
    const wc = new WeChat({ root: app({ 'pages/a/a.js': 'Page({})' }) });
    wc.launch();
    const wx = wc.context.wx as Record<string, (...a: unknown[]) => unknown>;
    expect(wx.getStorageSync!('nothing')).toBe('');
    wx.setStorageSync!('k', { a: [1, 2] });
    expect(wx.getStorageSync!('k')).toEqual({ a: [1, 2] });
    expect(() => wx.setStorageSync!('big', 'x'.repeat(1024 * 1024 + 1))).toThrow(/exceed/);
    wc.close();
  });
});
