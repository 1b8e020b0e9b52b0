/*
 * Lint: the AdonisJS app preset, plus the rules that keep the layout
 * honest (docs/architecture.md):
 * - a domain imports core, models, its own files, and another domain's
 *   actions only (to compose steps inside one transaction);
 * - core and models import no domain (models may read domain enums);
 * - nothing outside app/dev imports app/dev;
 * - functions stay under 60 lines, files under app/ under 250.
 */
import { configApp } from '@adonisjs/eslint-config'

const DOMAINS = ['accounts', 'rooms', 'payments', 'chat', 'calls', 'push']

const devImport = {
  regex: '^#dev/',
  message: 'Development-only code (app/dev) is never imported by the app itself.',
}

function domainBoundaries(domain) {
  const others = DOMAINS.filter((name) => name !== domain).join('|')
  return {
    name: `Boundaries of app/${domain}`,
    files: [`app/${domain}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            devImport,
            {
              regex: `^#(${others})/(?!actions/)`,
              message:
                'Another domain is reached through its actions (inside a transaction) or its events, never its internals.',
            },
          ],
        },
      ],
    },
  }
}

export default configApp(
  { ignores: ['tmp/**', '.tools/**', 'public/**', 'build/**'] },
  ...DOMAINS.map(domainBoundaries),
  {
    name: 'Core and models import no domain',
    files: ['app/core/**/*.ts', 'app/models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            devImport,
            {
              regex: `^#(${DOMAINS.join('|')})/(?!enums/)`,
              message: 'Core and models sit under every domain: they may not import one.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Small functions and files',
    files: ['app/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    name: 'Tests read responses inline',
    files: ['tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  },
  {
    name: 'Browser code',
    files: ['resources/js/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        self: 'readonly',
        clients: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        FormData: 'readonly',
        location: 'readonly',
        Notification: 'readonly',
      },
    },
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'eqeqeq': ['error', 'always'],
      'no-debugger': 'error',
    },
  }
)
