// Preloaded into servers the tests start (node --import): binds every listen() to 127.0.0.1
// whatever the server asked for, and reports the real port on stderr so port 0 can be used.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(...args) {
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') process.stderr.write(`\nTEST_LISTENING ${address.port}\n`);
  });
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = Number(args[0]);
    const callback = args.find((a) => typeof a === 'function');
    return listen.call(this, { port, host: '127.0.0.1' }, callback);
  }
  if (args[0] && typeof args[0] === 'object') {
    const [options, ...rest] = args;
    return listen.call(this, { ...options, host: '127.0.0.1' }, ...rest);
  }
  return listen.apply(this, args);
};
