/** Entry of dist/server.js: makes the stdio connection and hands it to startServer. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
