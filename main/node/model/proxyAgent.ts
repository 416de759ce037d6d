import { ProxyAgent } from 'proxy-agent';

let shared: ProxyAgent | undefined;

/**
 * The agent for weights downloads: through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY name (read
 * for each request, lower-case names too), direct for hosts NO_PROXY lists or when none is set. Connections
 * are not kept alive, so a retry after a dropped connection opens a fresh one.
 */
export function downloadAgent(): ProxyAgent {
  shared ??= new ProxyAgent({ keepAlive: false });
  return shared;
}
