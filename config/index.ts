import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// One config for both targets; dist/weapp and dist/h5 live side by side so the
// gateway can serve the H5 build while the WeChat devtools open the weapp one.
// Pure modules the function and the app share (one rule, one place): the storage
// path rule, the words residents read for the server's codes, the page links
// messages carry. Taro compiles only src/ unless told; each imports nothing
// (test/unit/shared-with-client.test.ts).
const SHARED_WITH_FUNCTION = ['files.ts', 'labels.ts', 'links.ts'].map((file) => path.resolve(__dirname, '../cloudfunctions/api/src/platform', file))

export default defineConfig<'webpack5'>(async (merge) => {
  const target = process.env.TARO_ENV ?? 'weapp'

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cuobian-yishiting',
    date: '2025-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${target}`,
    plugins: [],
    defineConstants: {
      // Empty means "the environment the mini-program is opened in"
      // (Taro.cloud.DYNAMIC_CURRENT_ENV); see src/config.ts.
      'process.env.CLOUD_ENV_ID': JSON.stringify(process.env.CLOUD_ENV_ID ?? ''),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    sass: {},
    cache: { enable: false },
    // WeChat's templates cannot recurse, so Taro writes the whole template set
    // once per nesting level into the main package's base.wxml (~2.7 KiB a level);
    // below the last level a helper component takes over. Our deepest pages nest
    // 8 levels (forms, charts: measured in H5), so 12 keeps them all in templates
    // and saves 11 KiB of the main package over Taro's 16.
    baseLevel: 12,
    mini: {
      compile: { include: SHARED_WITH_FUNCTION },
      webpackChain(chain) {
        // Our modules have no import-time effects but their styles, so a name
        // imported from a barrel (components/index.ts) brings only that name: a
        // component's `import './index.scss'` would otherwise keep every
        // component of the barrel in the main package (11 KiB of js and wxss),
        // whichever the tab pages use. Stylesheets are other rules and stay
        // side effects.
        chain.module
          .rule('src-without-side-effects')
          .test(/\.[jt]sx?$/)
          .include.add(path.resolve(__dirname, '../src'))
          .end()
          .set('sideEffects', false)
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: SHARED_WITH_FUNCTION },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Taro's H5 stops scaling below a 375 px wide screen (root font-size never under 20 px), so a
        // 320 px phone got 375 px sizes: five 首页 tiles' labels touched. The weapp's rpx scales all the
        // way down; with the same 20 px base and a lower floor the H5 build does too.
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 16 } },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // React + Taro's H5 runtime alone weigh ~310 KiB; webpack's 244 KiB
        // default would warn on every build. Warn only if the app really grows.
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(400 * 1024)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
