/**
 * The interface `npm start` listens on: this machine only (127.0.0.1) unless `HOST` says
 * otherwise, since the local server shows every sign-in link at /dev/mail. DynamoDB Local has no
 * option to choose its interface; its port is random and its data is demo data.
 */
export const hostOf = (env: Record<string, string | undefined> = process.env) => env.HOST?.trim() || '127.0.0.1';
