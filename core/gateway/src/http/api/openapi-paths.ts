import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodObject, ZodType } from 'zod';

/** What the main OpenAPI builder lends to the feature folders that register their own paths. */
export interface OpenApiHelpers {
  security: { secretKey: string[] }[];
  idempotencyHeader: ZodObject;
  problems(...statuses: number[]): Record<string, object>;
  json(description: string, schema: ZodType): object;
}

export type RegisterPaths = (registry: OpenAPIRegistry, helpers: OpenApiHelpers) => void;
