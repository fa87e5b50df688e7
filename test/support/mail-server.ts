import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface MailServer {
  /** What it received, parsed, in order of arrival. */
  mails: ParsedMail[];
  /** For the product's SmtpSender: smtp://127.0.0.1:<port>. */
  url: string;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives; `onRcptTo` may refuse recipients as a busy server does. */
export async function startMailServer(onRcptTo?: SMTPServerOptions['onRcptTo']): Promise<MailServer> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    ...(onRcptTo ? { onRcptTo } : {}),
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as { port: number }).port;
  return { mails, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}
