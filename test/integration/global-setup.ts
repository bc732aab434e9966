import { createTemplateDatabase, dropRunDatabases, newRunId } from '../support/database';

/** The part of vitest's TestProject used here ('vitest/node' is ESM-only; this file is CommonJS). */
interface Project {
  provide(key: 'istdTestRun', value: { runId: string; template: string }): void;
}

/**
 * Integration tests: one template database per run, migrated once; each test file clones it
 * (test/support/test-database.ts). Everything of this run is dropped at the end.
 */
export default async function setup(project: Project): Promise<() => Promise<void>> {
  const runId = newRunId();
  const template = `istd_test_template_${runId}`;
  await createTemplateDatabase(template);
  project.provide('istdTestRun', { runId, template });
  return () => dropRunDatabases(runId);
}
