import { randomInt, randomUUID } from 'node:crypto';

/**
 * Botium's scripting memory functions (`$now`, `$year`, `$random(5)`,
 * `$env(NAME)`, …), evaluated when a step runs. Undefined for a name that is
 * none of them, so the step reports the variable as unknown.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const shift = (days: number) => new Date(Date.now() + days * 86_400_000);

export function botiumFunction(name: string, arg: string | undefined): string | undefined {
  const now = new Date();
  switch (name) {
    case 'now':
    case 'now_EN':
      return now.toLocaleString('en-US');
    case 'now_ISO':
      return now.toISOString();
    case 'date':
    case 'date_EN':
      return now.toLocaleDateString('en-US');
    case 'date_ISO':
      return isoDate(now);
    case 'time':
    case 'time_EN':
      return now.toLocaleTimeString('en-US');
    case 'time_ISO':
      return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
    case 'time_HH_MM':
      return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
    case 'timestamp':
      return String(now.getTime());
    case 'tomorrow':
      return shift(1).toLocaleDateString('en-US');
    case 'yesterday':
      return shift(-1).toLocaleDateString('en-US');
    case 'year':
      return String(now.getFullYear());
    case 'month':
      return MONTHS[now.getMonth()];
    case 'month_MM':
      return pad(now.getMonth() + 1);
    case 'day_of_month':
      return String(now.getDate());
    case 'day_of_week':
      return DAYS[now.getDay()];
    case 'random': {
      const n = Number(arg);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`$random(${arg ?? ''}) takes a number of digits, 1 to 64`);
      return Array.from({ length: n }, () => String(randomInt(10))).join('');
    }
    case 'random10':
      return Array.from({ length: 10 }, () => String(randomInt(10))).join('');
    case 'uniqid':
      return randomUUID();
    case 'env': {
      if (!arg) throw new Error('$env(NAME) takes the name of an environment variable');
      const value = process.env[arg.replace(/^"|"$/g, '')];
      if (value === undefined) throw new Error(`$env(${arg}): the environment has no ${arg}`);
      return value;
    }
    default:
      return undefined;
  }
}
