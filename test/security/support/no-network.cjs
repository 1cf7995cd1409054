// Loaded with --require into tools that try to reach the internet (Electronegativity fetches
// translations and Electron release data): every connection off 127.0.0.1 fails at once, locally.
const net = require('node:net');
const dns = require('node:dns');
const loopback = (host) => !host || host === 'localhost' || host === '::1' || /^127\./.test(host);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const opts = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  if (opts.path === undefined && !loopback(opts.host)) {
    process.nextTick(() => this.destroy(Object.assign(new Error(`network disabled for ${opts.host}`), { code: 'ENETUNREACH' })));
    return this;
  }
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  const cb = rest[rest.length - 1];
  if (!loopback(host)) return process.nextTick(() => cb(Object.assign(new Error(`network disabled for ${host}`), { code: 'ENOTFOUND' })));
  return lookup.call(this, host, ...rest);
};
