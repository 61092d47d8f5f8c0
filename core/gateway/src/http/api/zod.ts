import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` to zod schemas; every API schema imports `z` from here.
extendZodWithOpenApi(z);

export { z };
