import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (key: string) =>
  z
    .string()
    .regex(ISO_DATE, key)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), key);
const ref = (key: string) => z.string().trim().min(1, key).max(64, key);
const optionalRef = (key: string) => ref(key).nullish().transform((v) => v ?? null);

/**
 * An order as the billing system posts it to the ingestion API (ORD-1), one per request. Field
 * errors are message keys under orders.api.errors (the API answers them in English with the key).
 */
export const OrderPayload = z
  .strictObject({
    sapOrderId: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'orders.api.errors.sapOrderId'),
    product: z.enum(['mitelOne', 'miteamMeetings'], { error: 'orders.api.errors.product' }),
    level: z.enum(['essential', 'premier', 'elite'], { error: 'orders.api.errors.level' }).nullish().transform((v) => v ?? null),
    licenceCount: z.number({ error: 'orders.api.errors.licenceCount' }).int('orders.api.errors.licenceCount').min(1, 'orders.api.errors.licenceCount').max(100_000, 'orders.api.errors.licenceCount'),
    termMonths: z.number({ error: 'orders.api.errors.termMonths' }).int('orders.api.errors.termMonths').min(1, 'orders.api.errors.termMonths').max(120, 'orders.api.errors.termMonths').nullish().transform((v) => v ?? null),
    purchaseDate: isoDate('orders.api.errors.date'),
    expiresOn: isoDate('orders.api.errors.date').nullish().transform((v) => v ?? null),
    perpetual: z.boolean({ error: 'orders.api.errors.perpetual' }).default(false),
    activation: z.enum(['active', 'pending'], { error: 'orders.api.errors.activation' }).default('active'),
    trackingNumber: ref('orders.api.errors.reference'),
    resellerPo: optionalRef('orders.api.errors.reference'),
    resellerSapId: optionalRef('orders.api.errors.reference'),
    customerPo: optionalRef('orders.api.errors.reference'),
  })
  .superRefine((o, ctx) => {
    if (o.product === 'mitelOne' && !o.level) ctx.addIssue({ code: 'custom', path: ['level'], message: 'orders.api.errors.levelRequired' });
    if (o.product !== 'mitelOne' && o.level) ctx.addIssue({ code: 'custom', path: ['level'], message: 'orders.api.errors.levelNotApplicable' });
    if (o.perpetual && o.expiresOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'orders.api.errors.perpetualExpiry' });
    if (!o.perpetual && !o.expiresOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'orders.api.errors.expiryRequired' });
    if (o.expiresOn && o.expiresOn < o.purchaseDate) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'orders.api.errors.expiryBeforePurchase' });
  });
export type OrderPayload = z.infer<typeof OrderPayload>;
