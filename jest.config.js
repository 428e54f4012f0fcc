/** Projects: node tests (domain, store, API through the real server), the Store contract on both adapters, browser tests. */
const transform = {
  '^.+\\.(t|j)sx?$': [
    'babel-jest',
    {
      configFile: false,
      babelrc: false,
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        '@babel/preset-typescript',
        ['@babel/preset-react', { runtime: 'automatic' }],
      ],
    },
  ],
}

/** The app imports the functions' contract and domain as `@cloud/*` (tsconfig.json paths, config/index.ts alias). */
const moduleNameMapper = { '^@cloud/(.*)$': '<rootDir>/cloud/$1' }

module.exports = {
  // Most API suites seed the demo city in beforeAll (about 3 s alone, twice that beside a build): the
  // 5 s default fails them on a busy machine without anything being wrong. Speed is the bench's business.
  testTimeout: 20_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/api/**/*.test.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'contract',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/contract/**/*.test.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform,
      moduleNameMapper,
    },
  ],
}
