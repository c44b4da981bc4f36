/**
 * Node options of the language server process: the client launches the
 * server with them (client/src/extension.ts), and so do the LSP tests and
 * the benches (test/lsp/lspClient.ts), so what is measured is what ships.
 */

/**
 * `--heap-growing-percent=100`: after a full collection, V8 lets the heap grow
 * to twice what survived it before collecting again, instead of up to four
 * times. Serving a 20 MB manifest leaves some 75 MB live, and every keystroke
 * leaves the old text and a whole-file diagnostics report behind as garbage:
 * with the default the process peaked at 400+ MB of mostly garbage, with this
 * one at about 260 MB, for the same CPU per keystroke (issue 15 item 9).
 * (V8 reads the flag whenever it sets the next limit: heap-controller.cc.)
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--heap-growing-percent=100'];
