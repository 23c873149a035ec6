/**
 * Where mail goes: the SMTP server in SMTP_URL, or, without one, an .eml file per message in
 * DATA_DIR/outbox (the admins' outbox page lists them). Both through nodemailer, so the file is the
 * exact message SMTP would have carried.
 */
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "./env.server";

export interface OutgoingMail {
  id: string;
  to: { address: string; name: string };
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  /** Where it went: the SMTP server's message id, or the file written. Throws when it did not go. */
  send(mail: OutgoingMail): Promise<string>;
  describe(): string;
}

const message = (mail: OutgoingMail) => ({
  from: env().MAIL_FROM,
  to: { address: mail.to.address, name: mail.to.name },
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: `<${mail.id}@charter>`,
  headers: { "X-Charter-Message": mail.id },
});

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
  const host = new URL(url.replace(/^smtps?:/, "http:")).host;
  return {
    async send(mail) {
      const info = (await transporter.sendMail(message(mail))) as { messageId: string; rejected: unknown[] };
      if (info.rejected.length) throw new Error(`The mail server refused ${mail.to.address}`);
      return info.messageId;
    },
    describe: () => `SMTP at ${host}`,
  };
}

export function fileTransport(folder = path.join(env().DATA_DIR, "outbox")): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(mail) {
      const info = (await transporter.sendMail(message(mail))) as { message: Buffer };
      await fs.mkdir(folder, { recursive: true });
      const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.id}.eml`);
      await fs.writeFile(file, info.message);
      return path.basename(file);
    },
    describe: () => `files in ${folder}`,
  };
}

/** The transport the environment asks for. */
export function mailTransport(): MailTransport {
  const url = env().SMTP_URL;
  return url ? smtpTransport(url) : fileTransport();
}
