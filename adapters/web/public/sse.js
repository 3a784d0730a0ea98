// Server-Sent Events read from a fetch body, for the answer and the scenario editor: EventSource cannot POST or send
// Authorization. Loaded before the scripts that use it; no behaviour of its own.
'use strict';

globalThis.RX_SSE = {
  /**
   * Yields { event, data } per event; `data` is the parsed JSON object. `fail.lost()` and `fail.malformed()` build
   * the error thrown when the connection drops or an event is not a JSON object, so each caller shows its own text.
   */
  async *read(
    body,
    fail = { lost: () => new Error('connection lost'), malformed: () => new Error('malformed event') },
  ) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        throw fail.lost();
      }
      if (chunk.done) return;
      buf += chunk.value.replace(/\r\n?/gu, '\n');
      let end;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        let event = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /u, '');
        }
        if (!data) continue;
        let parsed;
        try {
          parsed = JSON.parse(data);
        } catch {
          throw fail.malformed();
        }
        if (!parsed || typeof parsed !== 'object') throw fail.malformed();
        yield { event, data: parsed };
      }
    }
  },
};
