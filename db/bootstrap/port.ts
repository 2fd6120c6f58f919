import net from 'node:net';

/**
 * Whether something already listens on `port` (checked by binding it, on the address the server
 * will use: the wildcard for the web server, 127.0.0.1 for the embedded database). Any other bind
 * error (EACCES for a privileged port, say) is left for the server itself to report.
 */
export function portInUse(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}
