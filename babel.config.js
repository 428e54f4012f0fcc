// babel-preset-taro for the app builds; jest uses its own preset list (jest.config.js).
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
    }]
  ]
}
