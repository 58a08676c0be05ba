/**
 * A request body as a utf8 string.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
export async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
