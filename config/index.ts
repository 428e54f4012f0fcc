import path from 'node:path'
import { constants as zlib } from 'node:zlib'
import CompressionPlugin from 'compression-webpack-plugin'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const platform = process.env.TARO_ENV ?? 'h5'

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'party-checkin',
    date: '2026-11-26',
    // Our styles are written for a 750-wide design; NutUI's for 375.
    designWidth(input) {
      const file = typeof input === 'object' && input ? String((input as { file?: string }).file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp and h5 builds live side by side, so neither wipes the other.
    outputRoot: `dist/${platform}`,
    plugins: [],
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@cloud': path.resolve(__dirname, '..', 'cloud'),
    },
    defineConstants: {
      // Build-time values: the h5 bundle has no `process` at run time.
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
      API_BASE: JSON.stringify(process.env.API_BASE ?? ''),
      // Subscribe-message template ids (README), from the same settings the notify function is built
      // with, as `activityReminder=<id>,reviewResult=<id>,taskReminder=<id>`; unset ones are left out.
      NOTIFY_TEMPLATES: JSON.stringify(
        Object.entries({
          activityReminder: process.env.NOTIFY_TEMPLATE_ACTIVITY,
          reviewResult: process.env.NOTIFY_TEMPLATE_REVIEW,
          taskReminder: process.env.NOTIFY_TEMPLATE_TASK,
        })
          .filter(([, id]) => id)
          .map(([template, id]) => `${template}=${id}`)
          .join(','),
      ),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Shared vocabulary lives in cloud/contract; let the app's loaders compile it.
      compile: { include: [path.resolve(__dirname, '..', 'cloud')] },
      // Pictures ship as files in the package (Taro would inline small ones as data URLs into every
      // page's chunk that uses them): an <image> shows a packaged SVG on every base library.
      imageUrlLoaderOption: { limit: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [path.resolve(__dirname, '..', 'cloud')] },
      publicPath: '/',
      staticDirectory: 'static',
      // Pictures as files with a content hash (cached for a year like scripts), loaded only by the pages
      // that show them, instead of data URLs copied into every chunk that uses them.
      imageUrlLoaderOption: { limit: true, name: 'static/images/[name].[contenthash:8][ext]' },
      // Clean paths, so a QR code can carry `/pages/checkin/index?a=…&t=…` (the server falls back to index.html).
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Pages load as separate chunks; without this each one carries its own copy of axios, NutUI, dayjs.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            // What the first page needs loads up front; libraries only some pages use load with those pages.
            vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', chunks: 'initial', priority: 10, reuseExistingChunk: true },
            lazyVendors: { test: /[\\/]node_modules[\\/]/, chunks: 'async', minChunks: 2, priority: 8, reuseExistingChunk: true },
            // Unnamed: code shared by pages is grouped by which pages share it, so a page loads only what it
            // uses (one named chunk handed every page, the sign-in page too, every shared component).
            shared: { minChunks: 2, priority: 5, reuseExistingChunk: true },
          },
        })
        // Brotli and gzip copies beside each file (app.js.br, app.js.gz), made once per build at the
        // highest levels, which the server sends to browsers that ask (sirv's brotli/gzip options,
        // cloud/server/staticFiles.ts). At build time, not at server start: brotli's best level takes
        // ~5 s for the whole app on one core, which `npm start` would pay after every build. Left out
        // of watch builds (`npm run dev:h5`), which stay quick and are served uncompressed.
        if (process.env.NODE_ENV !== 'development') {
          const compressible = /\.(js|css|html|svg|json|txt)$/
          chain.plugin('compress-gzip').use(CompressionPlugin, [{ test: compressible, threshold: 1024, algorithm: 'gzip', compressionOptions: { level: 9 } }])
          chain
            .plugin('compress-brotli')
            .use(CompressionPlugin, [
              { test: compressible, threshold: 1024, algorithm: 'brotliCompress', filename: '[path][base].br', compressionOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } } },
            ])
        }
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
