import http from 'node:http';
import { HttpSmsSender } from '../../server/campaigns/senders.ts';

/** A text the SMS gateway was asked to send. */
export interface SentText { to: string; text: string }

/** An HTTP SMS gateway on a loopback port that keeps what it is asked to send, in order. */
export interface SmsGateway {
  texts: SentText[];
  /** A sender of the server's own kind pointed at this gateway. */
  sender: HttpSmsSender;
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<SmsGateway> {
  const texts: SentText[] = [];
  const gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      texts.push(JSON.parse(body));
      res.writeHead(202).end('{}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const port = (gateway.address() as { port: number }).port;
  return {
    texts,
    sender: new HttpSmsSender(`http://127.0.0.1:${port}/send`),
    close: () => new Promise<void>((r) => gateway.close(() => r())),
  };
}
