import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.data', 'dist', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', {
        // `import { z }` drags every zod locale into the Lambda bundles (about 340 KB).
        selector: "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
        message: "Use `import * as z from 'zod'`: the named `z` pulls all of zod's locales into the bundles.",
      }],
    },
  },
  {
    // Reads in the product are Get/BatchGet/Query on a key or index; Scan is for scripts only.
    files: ['shared/**', 'web/**', 'functions/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: '@aws-sdk/lib-dynamodb', importNames: ['ScanCommand'], message: 'No Scan outside scripts/: use a key or an index.' },
          { name: '@aws-sdk/client-dynamodb', importNames: ['ScanCommand'], message: 'No Scan outside scripts/: use a key or an index.' },
        ],
      }],
    },
  },
);
