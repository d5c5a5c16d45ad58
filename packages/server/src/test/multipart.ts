import { randomBytes } from 'node:crypto';

/**
 * A multipart/form-data body with one file field, for app.inject (no
 * form-data dependency): returns the payload and its content-type header.
 */
export function multipartFile(
  data: Buffer | string,
  filename = 'upload.csv',
  { field = 'file', contentType = 'application/octet-stream' }: { field?: string; contentType?: string } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jiaowu${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(filename)}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { payload: Buffer.concat([head, body, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
