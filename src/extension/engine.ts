// Everything behind the extension's registrations that needs the engine: bundled apart (dist/extension-engine.js)
// and loaded by loadEngine.ts on first use, never at activation. The registration files (extension.ts and the
// features' register* functions) import only types from here.
export { createAnalyzerContext, runAnalyzerWithContext, withDefaultDuration } from './analyzerRuns';
export { createChatHandler } from './chat/handler';
export { analyzerTool } from './tools/toolAdapter';
export { getAnalyzer, analyzerFor } from '../core/analyzers/registry';
export { findSlashCommand } from '../core/chat/slashCommands';
export { thresholdsProblem } from '../core/analysis/thresholdsSchema';
export { configureConnection } from './commands/configureConnection';
export { testConnection } from './commands/testConnection';
export { runAnalyzerCommand } from './commands/runAnalyzerCommand';
export { generateReportCommand } from './commands/generateReport';
export { createWebviews } from './webviews/create';
export { openReportFromCommand } from './webviews/openReportCommand';
export { openHistoryStore } from '../core/history/store';
