/**
 * Node options of the language server process: the client launches the
 * server with them (client/src/extension.ts), and so do the LSP tests and
 * the benches (test/lsp/lspClient.ts), so what is measured is what ships.
 */

/**
 * `--heap-growing-percent=100`: after a full collection, V8 lets the heap grow
 * to twice what survived it before collecting again, instead of up to four
 * times. Serving a 20 MB manifest leaves some 60-75 MB live, and every
 * keystroke leaves a whole-file diagnostics report (and its JSON) behind as
 * garbage: typing in it peaked at 363 MB with the default, 282 MB with this
 * one, for no more CPU per keystroke (bench/scale.bench.ts memory and typing;
 * issue 15 item 9).
 * (V8 reads the flag whenever it sets the next limit: heap-controller.cc.)
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--heap-growing-percent=100'];
