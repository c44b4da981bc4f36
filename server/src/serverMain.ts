/** Entry of dist/server.js: makes the connection (stdio, as the extension and the tests start it) and hands it to startServer. */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';
import { countingWrites } from './transport/answersSent';
import { pooledJsonEncoder } from './transport/pooledJsonEncoder';

/**
 * Over stdio the answers are encoded in pieces into a kept buffer (see
 * pooledJsonEncoder.ts: a big file's report after every keystroke). The
 * extension starts the server on stdio for that reason: Node's ipc channel
 * stringifies and copies each message whole (measured: 3.2 ms to send a
 * 184 KB report). Other transports (--node-ipc, sockets, pipes) as
 * vscode-languageserver makes them from the command line.
 */
function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // stdout is the protocol's: nothing else may write to it (vscode-languageserver redirects console only when it opens stdio itself)
  console.log = console.info = console.debug = console.warn = console.error;
  // and the client gone without the exit notification (which exits first, 0 after a shutdown), the server goes too
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(1));
  const writer = countingWrites(new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: pooledJsonEncoder() }));
  return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), writer);
}

const connection = connect();
// A failed notification to the client must never take the server down.
process.on('unhandledRejection', (reason) => connection.console.error(`[unhandled] ${String(reason)}`));
startServer(connection);
