import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PricingContextSchema } from '../../shared/schemas/pricing.ts';
import type { OutletInfo } from '../outlet.ts';
import type { PricingRules } from './service.ts';

export const pricingRoutes: FastifyPluginAsyncZod<{ rules: PricingRules; outlet: OutletInfo }> = async (app, { rules, outlet }) => {
  app.get('/api/pricing/context', {
    config: { permission: 'sell' },
    schema: { summary: 'Active discount rules and how they combine, for the register to price carts', operationId: 'getPricingContext', tags: ['pricing'], response: { 200: PricingContextSchema } },
    handler: async () => ({ rules: await rules.active(), combination: outlet.settings.discountCombination, timezone: outlet.view.timezone, currency: outlet.view.currency }),
  });
};
