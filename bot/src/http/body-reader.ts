/**
 * Reads a request's body for restify's jsonBodyParser (given `bodyReader: true`, it then only
 * parses): restify's own bodyReader, which the parser would run, starts every body with the
 * deprecated `new Buffer(0)`, and Node walks the caller's stack on each of the first 10,000 such
 * calls to decide whether to warn (a few percent of a write request's time). The behaviour is
 * restify's: no read for an empty body or a multipart / octet-stream one; gzip is inflated, any
 * other content encoding is a 415 (with `Accept-Encoding: gzip`); a body past `maxBodySize` is a
 * 413; a `Content-MD5` that does not match is a 400; text types (JSON included) become a string.
 * The errors carry restify's names and status codes (error-response.ts maps them by status).
 */
import { createHash, type Hash } from 'node:crypto';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { Next, Request, Response } from 'restify';

/** An error restify sends with `statusCode` (see the server's `restifyError` handler). */
function httpError(name: string, statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { name, statusCode });
}

const TEXT_TYPES = new Set([
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);

type BodyRequest = Request & { _readBody?: boolean; body?: unknown };

export function bodyReader(maxBodySize: number) {
  return function readBody(request: Request, res: Response, originalNext: Next): void {
    const req = request as BodyRequest;
    let called = false;
    const next = (err?: unknown): void => {
      if (called) return;
      called = true;
      (originalNext as (e?: unknown) => void)(err);
    };
    if (req._readBody) return next();
    req._readBody = true;
    const contentType = req.contentType();
    if (
      (req.getContentLength() === 0 && !req.isChunked()) ||
      contentType === 'multipart/form-data' ||
      contentType === 'application/octet-stream'
    ) {
      return next();
    }
    const isText = !contentType || TEXT_TYPES.has(contentType) || contentType.startsWith('text/');
    const buffers: Buffer[] = [];
    req.body = Buffer.alloc(0);
    let bytesReceived = 0;
    const md5 = req.headers['content-md5'];
    const hash: Hash | undefined = md5 ? createHash('md5') : undefined;
    const encoding = req.headers['content-encoding'];
    let gz: Gunzip | undefined;
    let unsupportedEncoding: string | undefined;

    const done = (): void => {
      const body = Buffer.concat(buffers);
      req.body = isText ? body.toString('utf8') : body;
      if (unsupportedEncoding !== undefined) {
        return next(httpError('UnsupportedMediaTypeError', 415, 'content encoding not supported'));
      }
      if (maxBodySize && bytesReceived > maxBodySize) {
        return next(
          httpError('PayloadTooLargeError', 413, `Request body size exceeds ${maxBodySize}`)
        );
      }
      if (body.length === 0) return next();
      if (hash) {
        const digest = hash.digest('base64');
        if (md5 !== digest) {
          return next(
            httpError(
              'BadDigestError',
              400,
              `Content-MD5 '${String(md5)}' didn't match '${digest}'`
            )
          );
        }
      }
      next();
    };

    if (encoding === undefined) {
      req.once('end', done);
    } else if (encoding === 'gzip') {
      gz = createGunzip();
      // The limit holds for the inflated body too: a small gzip body must not expand without bound.
      let inflated = 0;
      gz.on('data', (chunk: Buffer) => {
        inflated += chunk.length;
        if (maxBodySize && inflated > maxBodySize) {
          gz!.destroy();
          buffers.length = 0;
          return next(
            httpError('PayloadTooLargeError', 413, `Request body size exceeds ${maxBodySize}`)
          );
        }
        buffers.push(chunk);
      });
      // Not gzip after all: a 400, where restify's reader let the stream error crash the process.
      gz.once('error', () => next(httpError('BadRequestError', 400, 'body is not valid gzip')));
      gz.once('end', done);
      req.once('end', () => gz!.end());
    } else {
      unsupportedEncoding = encoding;
      res.setHeader('Accept-Encoding', 'gzip');
      req.once('end', done);
    }
    req.on('data', (chunk: Buffer) => {
      if (maxBodySize) {
        bytesReceived += chunk.length;
        if (bytesReceived > maxBodySize) return;
      }
      hash?.update(chunk);
      if (gz) {
        if (!gz.destroyed) gz.write(chunk);
      } else buffers.push(chunk);
    });
    req.once('error', next);
    // A client that stops half-way must not leave the request (and its memory) behind, and its
    // partial body must not reach a handler: the chain stops there (`next(false)`).
    res.once('close', () => next(false));
    req.once('aborted', () => next(false));
    req.resume();
  };
}
