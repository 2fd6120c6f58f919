import 'server-only';
import type { z } from 'zod';
import { ProtocolError } from './errors';

/**
 * Reads a JSON body of at most `maxBytes` (counted while it streams, whatever Content-Length
 * says) and parses it with `schema`; every refusal is a protocol error naming what is wrong.
 */
export async function readBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  let json: unknown;
  try {
    json = size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ProtocolError(400, 'invalid_request', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ProtocolError(400, 'invalid_request', 'The request does not follow the gateway protocol.', { issues });
  }
  return parsed.data;
}

function tooLarge(maxBytes: number): ProtocolError {
  return new ProtocolError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes.`);
}
