import nodemailer from 'nodemailer';
import { z } from 'zod';

/** Delivers one message (an e-mail may carry HTML beside its text); rejects with the reason the provider gave. */
export interface MessageSender {
  send(to: string, subject: string, text: string, html?: string): Promise<void>;
}

/** Email through an SMTP server (smtp://user:pass@host:port or smtps://…). */
export class SmtpSender implements MessageSender {
  readonly #transport: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(url);
  }

  async send(to: string, subject: string, text: string, html?: string): Promise<void> {
    await this.#transport.sendMail({ from: this.from, to, subject, text, ...(html ? { html } : {}) });
  }
}

/** SMS through an HTTP gateway that takes {"to": "+370…", "text": "…"} as JSON. */
export class HttpSmsSender implements MessageSender {
  constructor(private readonly url: string) {}

  async send(to: string, _subject: string, text: string): Promise<void> {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: to.startsWith('+') ? to : `+${to}`, text }) });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
}

export interface Messaging {
  email: MessageSender | null;
  sms: MessageSender | null;
  /** Where unsubscribe links point, e.g. https://shop.example.com */
  publicUrl: string;
}

const MessagingEnvSchema = z.object({
  POS_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://…').optional(),
  POS_MAIL_FROM: z.string().min(3).default('Till <noreply@localhost>'),
  POS_SMS_GATEWAY_URL: z.url().optional(),
  POS_PUBLIC_URL: z.url().default('http://localhost:8080'),
});

/** Message providers from the environment; none configured means campaigns queue and wait. */
export function loadMessaging(env: NodeJS.ProcessEnv): Messaging {
  const parsed = MessagingEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new Error(`${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  const e = parsed.data;
  return {
    email: e.POS_SMTP_URL ? new SmtpSender(e.POS_SMTP_URL, e.POS_MAIL_FROM) : null,
    sms: e.POS_SMS_GATEWAY_URL ? new HttpSmsSender(e.POS_SMS_GATEWAY_URL) : null,
    publicUrl: e.POS_PUBLIC_URL.replace(/\/$/, ''),
  };
}
