// typescript-eslint with type information, so no-floating-promises can see every dropped promise.
import tseslint from 'typescript-eslint';

const NO_ENUM_OR_NAMESPACE = [{ selector: 'TSEnumDeclaration', message: 'use a union of string literals' }, { selector: 'TSModuleDeclaration', message: 'no namespaces' }];
// `detail` is text for people: code decides by the `reason` code, never by reading the detail (docs/reasons.md).
const DETAIL_IS_FOR_PEOPLE = 'decide by the reason code, never by reading `detail` (text for people)';
const NO_DECIDING_BY_DETAIL = [
  { selector: "CallExpression[callee.property.name=/^(includes|startsWith|endsWith|match|matchAll|search|indexOf)$/][callee.object.property.name='detail']", message: DETAIL_IS_FOR_PEOPLE },
  { selector: "CallExpression[callee.property.name=/^(test|exec)$/][arguments.0.property.name='detail']", message: DETAIL_IS_FOR_PEOPLE },
  { selector: "BinaryExpression[operator=/^[!=]==?$/][left.property.name='detail'][right.type='Literal'][right.value!='']", message: DETAIL_IS_FOR_PEOPLE },
  { selector: "BinaryExpression[operator=/^[!=]==?$/][right.property.name='detail'][left.type='Literal'][left.value!='']", message: DETAIL_IS_FOR_PEOPLE },
  { selector: "SwitchStatement[discriminant.property.name='detail']", message: DETAIL_IS_FOR_PEOPLE },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/fixtures/**', 'examples/**', 'packages/*/src/generated/**', 'bench/tmp/**'] },
  ...tseslint.configs.recommended,
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json', './packages/*/tsconfig.json', './packages/daemon/dashboard-ui/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it return promises the runner itself tracks.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...NO_ENUM_OR_NAMESPACE],
    },
  },
  // Source only: tests may assert on the detail text they expect.
  { files: ['packages/*/src/**/*.ts', 'packages/daemon/dashboard-ui/src/**/*.{ts,tsx}'], rules: { 'no-restricted-syntax': ['error', ...NO_ENUM_OR_NAMESPACE, ...NO_DECIDING_BY_DETAIL] } },
);
