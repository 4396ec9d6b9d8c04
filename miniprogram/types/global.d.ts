/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Build-time constants (config/index.ts `defineConstants`). */
declare const SUNLIGHT_API_BASE: string;
declare const SUNLIGHT_SITE_URLS: string[];
declare const SUNLIGHT_BUNDLED_JWKS: { keys: Record<string, unknown>[] };

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
  }
}
