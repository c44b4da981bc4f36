/** Entry of dist/server.js: makes the stdio/ipc connection and hands it to startServer. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A failed notification to the client must never take the server down.
process.on('unhandledRejection', (reason) => connection.console.error(`[unhandled] ${String(reason)}`));
startServer(connection);
