import type { IPluginContext } from '@tarojs/service';

/**
 * Taro plugin: how `framework: 'preact'` must be wired for the mini-program targets (weapp).
 *
 * `@tarojs/plugin-framework-react` 4.2.1 hands the app entry `import ReactDOM from 'react-dom'`
 * (aliased to `preact/compat`) and its runtime calls `ReactDOM.createRoot` whenever `React.version`
 * starts with 18 — which Preact's compat layer reports ('18.3.1'). Preact ≥ 10.24 keeps `createRoot`
 * in `preact/compat/client` only, so WeChat died at launch with "createRoot is not a function"
 * (NervJS/taro#16690, #17641). The web target already switches to `react-dom/client` for Preact and
 * merges the legacy functions back in; this does the same for the mini targets: the renderer handed
 * to `createReactApp` is preact/compat with `createRoot` from `preact/compat/client`.
 *
 * Registered after the framework plugin (the CLI's plugins come before the project's), so this tap
 * runs after the one that writes the loader meta.
 */
export default (ctx: IPluginContext) => {
  if (ctx.initialConfig.framework !== 'preact') return;
  ctx.modifyWebpackChain(({ chain }) => {
    if (process.env.TARO_PLATFORM !== 'mini') return;
    chain.plugin('miniPlugin').tap((args: [{ loaderMeta?: Record<string, unknown> }]) => {
      const meta = args[0].loaderMeta;
      if (
        !meta ||
        typeof meta.importFrameworkStatement !== 'string' ||
        meta.frameworkArgs !== 'React, ReactDOM, config'
      )
        throw new Error(
          'preact-mini-root: @tarojs/plugin-framework-react changed its loader meta; re-check this plugin',
        );
      meta.importFrameworkStatement = `
import * as React from 'react'
import ReactDOMCompat from 'react-dom'
import { createRoot } from 'react-dom/client'
var ReactDOM = Object.assign({}, ReactDOMCompat, { createRoot: createRoot })
`;
      return args;
    });
  });
};
