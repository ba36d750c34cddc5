import { formatDate, formatDateTime, formatDecimal, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import type { PortalContext } from './env.js';

/**
 * Dates, money and numbers in the portal, written the way the person's language does
 * ("2 december 2026", "€ 15,25", "4.000"): the shared formatters, with the locale of the request.
 * Values of form fields stay ISO (YYYY-MM-DD): the browser's date field shows them its own way.
 */
export const date = (c: PortalContext, isoDateOrInstant: string) => formatDate(c.get('locale'), isoDateOrInstant);
export const dateTime = (c: PortalContext, instant: string) => formatDateTime(c.get('locale'), instant);
export const money = (c: PortalContext, euros: number) => formatMoney(c.get('locale'), euros);
export const number = (c: PortalContext, n: number) => formatNumber(c.get('locale'), n);
export const decimal = (c: PortalContext, n: number) => formatDecimal(c.get('locale'), n);
