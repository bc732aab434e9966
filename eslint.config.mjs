// The iStandaarden core must stay framework-free so the CLI, tests and service share it
// (architecture.md §3, style.md "Boundaries").
import tseslint from 'typescript-eslint';

const frameworkImports = {
  patterns: [
    { group: ['@nestjs/*'], message: 'src/istandaarden is framework-free: no NestJS here.' },
    { group: ['typeorm', 'typeorm/*'], message: 'src/istandaarden is framework-free: no TypeORM here.' },
    { group: ['amqplib', 'amqplib/*'], message: 'src/istandaarden is framework-free: no amqplib here.' },
    { group: ['pg', 'pg/*'], message: 'src/istandaarden is framework-free: no pg here.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/istandaarden/**/*.ts', 'src/ggk/envelop/**/*.ts', 'src/**/regels/**/*.ts', 'src/**/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', frameworkImports] },
  },
);
