// A lean HTTP client for driving the local API (node:http with keep-alive), so the client's own
// CPU takes as little as possible from the two cores the server shares with it.
import { Agent, request as httpRequest } from 'node:http';

export type HttpAnswer = { status: number; body: string };

export const createHttpClient = (baseUrl: string, maxSockets: number) => {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  const request = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { request, close: () => agent.destroy() };
};

export type HttpClient = ReturnType<typeof createHttpClient>;
