/**
 * Whether the answers made so far have left the server. Work that may wait
 * (the diagnostics report after a keystroke, a big file's background check,
 * the placement view's slices) waits for the requests queued before it and
 * for their answers to be written: the writer sends an answer a turn of the
 * event loop after it is made, and a slice of work that started in between
 * held a made answer back for the slice's length.
 */
import type { Message, MessageWriter } from 'vscode-languageserver/node';

let pending = 0;
let waiting: Array<() => void> = [];

/** The writer, counting the messages it has not written yet (serverMain.ts wraps the connection's writer once). */
export function countingWrites(writer: MessageWriter): MessageWriter {
  const write = writer.write.bind(writer);
  writer.write = (message: Message) => {
    pending++;
    return write(message).finally(() => {
      pending--;
      if (pending > 0) return;
      const done = waiting;
      waiting = [];
      done.forEach((resolve) => resolve());
    });
  };
  return writer;
}

/** Resolves when every message handed to the writer so far is written (at once when none waits, or the writer is not counted). */
export function answersSent(): Promise<void> {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}
