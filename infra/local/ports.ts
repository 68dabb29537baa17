import { createServer } from 'node:net';

/** Asks the OS for a port nobody holds, for tests and throwaway stacks. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  constructor(port: number, what: string) {
    super(`Port ${port} is already in use, so ${what} cannot start there: stop whatever holds it, or pick another with --port.`);
    this.name = 'PortInUseError';
  }
}

export const assertPortFree = (port: number, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, what) : e));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
